package org.backpropninja.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.notebook.Exercises;
import org.backpropninja.testing.LawFailure;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.NnArbitraries;

/**
 * Exercise 3's laws, for any implementation of {@link Exercises}: the reference's
 * ({@link BatchNormProperties}, in every test run) and a learner's workbook (the workbook profile,
 * docs/workbook.md). With dhprebn from the implementation and dbngain, dbnbias from the layer, the
 * three are batchnorm's gradients by finite differences of {@code sum(G * out)} for a random
 * upstream G, over generated batches (n 3..16, one column up to 24) and batches of exactly two.
 */
public abstract class BatchNormLaws {

    /** The section of docs/derivations.md that derives dhprebn. */
    public static final String SECTION = "`BatchNorm`: the closed form, and where Bessel's n/(n-1) comes from";

    /** The implementation judged. */
    protected abstract Exercises exercises();

    /** x (n, h), bngain, bnbias (1, h), upstream G (n, h). */
    public record Case(Matrix x, Matrix bngain, Matrix bnbias, Matrix G) {
        List<Matrix> inputs() {
            return List.of(x, bngain, bnbias);
        }

        @Override
        public String toString() {
            return "n " + x.rows() + ", hidden " + x.cols() + ", upstream G = dhpreact";
        }
    }

    /** Columns with variance >= 0.01 (standard deviation >= 0.1, 30 times sqrt(eps)). */
    static Arbitrary<Case> cases(int minN, int maxN, int maxH) {
        return Combinators.combine(Arbitraries.integers().between(minN, maxN),
                        Arbitraries.integers().between(1, maxH))
                .as(Shape::new)
                .flatMap(s -> Combinators.combine(NnArbitraries.spreadColumns(s.rows(), s.cols(), 0.01),
                        MatrixArbitraries.awayFromZero(new Shape(1, s.cols()), 0.5, 1.5),
                        MatrixArbitraries.matrix(new Shape(1, s.cols()), -1, 1),
                        MatrixArbitraries.upstream(new Shape(s.rows(), s.cols()))).as(Case::new));
    }

    /**
     * The laws' cases: the sizes and value ranges of {@link #cases} (x in [-2, 2] with every column's
     * variance at least 0.01, bngain of magnitude 0.5..1.5 either sign, bnbias in [-1, 1], G of
     * magnitude 0.1..1 either sign), the values drawn from a seed, so that a failure shrinks on the
     * sizes and the seed -- to small batches within seconds -- rather than on every double.
     */
    static Arbitrary<Case> seeded(int minN, int maxN, int maxH) {
        return Combinators.combine(Arbitraries.integers().between(minN, maxN), Arbitraries.integers().between(1, maxH),
                        Arbitraries.longs().between(0, 1L << 40).withoutEdgeCases())
                .as(BatchNormLaws::fromSeed)
                .filter(c -> Arrays.stream(c.x().var(0).toArray()).allMatch(v -> v >= 0.01));
    }

    private static Case fromSeed(int n, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = Matrix.generate(n, h, (i, j) -> r.nextDouble(-2, 2));
        Matrix bngain = Matrix.generate(1, h, (i, j) -> (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.5, 1.5));
        Matrix bnbias = Matrix.generate(1, h, (i, j) -> r.nextDouble(-1, 1));
        return new Case(x, bngain, bnbias, MatrixArbitraries.upstream(new Shape(n, h), r.nextLong()));
    }

    /**
     * Batches of 3 to 16: a failure here shrinks to n = 3, where batchnorm's input gradient is of
     * order one; at n = 2 it is almost zero (two normalised values are +-1 whatever x is), so a
     * case there would read like noise. Batches of two have their own law below.
     */
    @Provide
    Arbitrary<Case> batches() {
        return seeded(3, 16, 24);
    }

    @Provide
    Arbitrary<Case> batchesOfTwo() {
        return seeded(2, 2, 24);
    }

    /** The checker on a batchnorm backward: finite differences of sum(G * out) in (x, bngain, bnbias). */
    public static Report check(Case c, GradientChecker.Vjp vjp) {
        return GradientChecker.checkVjp("BatchNorm", in -> BatchNorm.forward(in.get(0), in.get(1), in.get(2)).out(),
                vjp, c.inputs(), c.G(), Tolerance.DEFAULT);
    }

    /** Judges the implementation's dhprebn on one case; returns quietly when it is not written yet. */
    void judge(Case c) {
        BatchNorm.Grads layer = BatchNorm.backward(BatchNorm.forward(c.x(), c.bngain(), c.bnbias()), c.G());
        Matrix dhprebn;
        try {
            dhprebn = exercises().dhprebn(c.x(), c.bngain(), c.G());
        } catch (RuntimeException e) {
            throw LawFailure.refused("dhprebn", c.toString(), "it threw " + e, SECTION, e);
        }
        if (Exercises.isNotYet(dhprebn)) {
            return;
        }
        if (dhprebn == null || dhprebn.rows() != c.x().rows() || dhprebn.cols() != c.x().cols()) {
            throw LawFailure.refused("dhprebn", c.toString(), "it is " + (dhprebn == null ? "null" : dhprebn.shape())
                    + " but hprebn is " + c.x().shape(), SECTION, null);
        }
        Report r = check(c, (in, G) -> List.of(dhprebn, layer.dbngain(), layer.dbnbias()));
        if (!r.passed()) {
            Map<String, Matrix> shown = new LinkedHashMap<>();
            shown.put("hprebn", c.x());
            shown.put("bngain", c.bngain());
            shown.put("dhpreact", c.G());
            throw LawFailure.of("dhprebn", c.toString(), shown, layer.dx(), dhprebn, r, SECTION);
        }
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") Case c) {
        judge(c);
    }

    @Property(tries = 200)
    void batchOfTwoTheSmallestValidBatchMatchesFiniteDifferences(@ForAll("batchesOfTwo") Case c) {
        judge(c);
    }
}
