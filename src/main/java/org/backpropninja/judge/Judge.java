package org.backpropninja.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.JqwikException;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/**
 * Judges a layer's hand-written backward over generated cases: sizes for its dimensions, values in
 * each input's domain, a random upstream gradient G, every input's gradient checked by the
 * project's {@link GradientChecker} (docs/derivations.md, "The gradient checker") against finite
 * differences of {@code L = sum(G * y)}.
 *
 * <p>Two ways to use it (docs/own-layer.md): {@link #cases()} is a jqwik Arbitrary for your own
 * property, whose body is {@code c.check()}; {@link #run()} needs no property -- it draws the
 * cases itself, shrinks the first that does not pass ({@link Shrinking}), and returns a
 * {@link Judgement}, for a plain JUnit test.
 *
 * <p>Defaults: {@value #DEFAULT_TRIES} tries; {@link Tolerance#DEFAULT}, an element passing when
 * |yours - numeric| <= 1e-8 + 1e-6 max(|yours|, |numeric|) -- four orders of magnitude above the
 * five-point stencil's error on an O(1) layer that is smooth at the step's scale, and four below the
 * O(1) relative error of a missing factor, sign, transpose or branch (see {@link Tolerance#DEFAULT}).
 */
public final class Judge {

    /** Cases judged by {@link #run()} unless {@link #tries(int)} says otherwise. */
    public static final int DEFAULT_TRIES = 100;

    /** jqwik's generation size: how widely the sizes and values spread (its own default for 1,000 tries). */
    private static final int GEN_SIZE = 1000;

    private final LayerSpec spec;
    private final int tries;
    private final Tolerance tolerance;
    private final Long seed;

    private Judge(LayerSpec spec, int tries, Tolerance tolerance, Long seed) {
        this.spec = spec.requireComplete();
        this.tries = tries;
        this.tolerance = tolerance;
        this.seed = seed;
    }

    public static Judge of(LayerSpec spec) {
        return new Judge(spec, DEFAULT_TRIES, Tolerance.DEFAULT, null);
    }

    /** How many cases {@link #run()} judges (a jqwik property sets its own with {@code @Property(tries = ...)}). */
    public Judge tries(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + n);
        }
        return new Judge(spec, n, tolerance, seed);
    }

    /** Another pass bound: only with a reason stated beside it (a float32 layer, say); never to make a check pass. */
    public Judge tolerance(Tolerance t) {
        return new Judge(spec, tries, t, seed);
    }

    /** The seed of {@link #run()}, to repeat a run; without it each run draws its own and reports it. */
    public Judge seed(long s) {
        return new Judge(spec, tries, tolerance, s);
    }

    /**
     * The cases: the dimensions first, then every input in its domain at the shapes they give, then
     * G in the forward's output shape. A failure shrinks on the sizes alone, each smaller shape
     * getting its own generic values: shrunk toward their simplest values (0, a bound, every entry of
     * G the same), the values would walk to the edge where a slip barely shows -- a row of equal
     * values under a normalization, queries of 0 under an attention, the plain sum of a constant G --
     * and the shrunk case would tell a reader nothing.
     */
    public Arbitrary<LayerCase> cases() {
        List<Arbitrary<Integer>> sizes = new ArrayList<>();
        for (LayerSpec.Dim d : spec.dims()) {
            sizes.add(Arbitraries.integers().between(d.min(), d.max()));
        }
        Arbitrary<Map<String, Integer>> dims = sizes.isEmpty() ? Arbitraries.just(Map.of())
                : Combinators.combine(sizes).as(this::dimMap);
        return dims.flatMap(this::inputsAt).flatMap(c -> {
            Matrix y;
            try {
                y = spec.forwardFunction().apply(c.values());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the forward of " + spec.name() + " threw on a generated case "
                        + c.dims() + ": " + e.getMessage(), e);
            }
            return Generators.upstream(y.shape()).dontShrink().map(g -> new LayerCase(spec, c.dims(), c.inputs(),
                    c.indices(), g, tolerance));
        });
    }

    private Map<String, Integer> dimMap(List<Integer> values) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int k = 0; k < values.size(); k++) {
            m.put(spec.dims().get(k).name(), values.get(k));
        }
        return m;
    }

    /** Every input drawn at the shapes the sizes give; G is still a placeholder. */
    private Arbitrary<LayerCase> inputsAt(Map<String, Integer> dims) {
        List<Arbitrary<Object>> parts = new ArrayList<>();
        for (LayerSpec.MatrixInput in : spec.inputs()) {
            parts.add(in.domain().values(in.shape().at(dims)).dontShrink().asGeneric());
        }
        for (LayerSpec.IndexInput ix : spec.indexInputs()) {
            Shape s = ix.shape().at(dims);
            Arbitrary<IntMatrix> drawn = Generators.indices(s, ShapeRule.extent(ix.bound(), dims));
            parts.add((ix.repeat() ? drawn.map(Generators::repeatFirst) : drawn).dontShrink().asGeneric());
        }
        return Combinators.combine(parts).as(values -> {
            Map<String, Matrix> matrices = new LinkedHashMap<>();
            Map<String, IntMatrix> indices = new LinkedHashMap<>();
            int k = 0;
            for (LayerSpec.MatrixInput in : spec.inputs()) {
                matrices.put(in.name(), (Matrix) values.get(k++));
            }
            for (LayerSpec.IndexInput ix : spec.indexInputs()) {
                indices.put(ix.name(), (IntMatrix) values.get(k++));
            }
            return new LayerCase(spec, dims, matrices, indices, Matrix.zeros(1, 1), tolerance);
        });
    }

    /**
     * Judges {@link #tries(int)} cases; at the first that does not pass, shrinks it to the smallest
     * sizes with the same outcome ({@link Shrinking}) and returns the verdicts. For a JUnit test, a
     * jqwik example or a main method.
     */
    public Judgement run() {
        long s = seed != null ? seed : new Random().nextLong();
        return inSession(() -> {
            Random random = new Random(s);
            RandomGenerator<LayerCase> generator = cases().generator(GEN_SIZE);
            for (int t = 1; t <= tries; t++) {
                Shrinkable<LayerCase> drawn = generator.next(random);
                Verdict v = drawn.value().verdict();
                if (!v.passed()) {
                    return Shrinking.shrink(spec.name(), s, t, drawn, v);
                }
            }
            return new Judgement(spec.name(), s, tries, null, null, 0);
        });
    }

    /**
     * jqwik's generators need a session outside a property (a JUnit test, a main method); inside a
     * jqwik property or example its own lifecycle serves, and jqwik refuses a session there.
     */
    private static Judgement inSession(Supplier<Judgement> body) {
        boolean started = false;
        if (!JqwikSession.isActive()) {
            try {
                JqwikSession.start();
                started = true;
            } catch (JqwikException insideAProperty) {
                // the property's lifecycle is the session
            }
        }
        try {
            return body.get();
        } finally {
            if (started) {
                JqwikSession.finish();
            }
        }
    }
}
