package org.backpropninja.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * One generated case of a layer: the sizes of its dimensions, a value for every input in its domain,
 * and a random upstream gradient G of the output's shape. {@link #check()} judges the spec's
 * backward on it; {@link #toString()} is the case as jqwik prints a (shrunk) sample.
 *
 * @param spec    the layer judged
 * @param dims    the size of each dimension
 * @param inputs  the differentiated inputs, in the spec's order
 * @param indices the index inputs, held fixed
 * @param G       dL/dy of the test loss L = sum(G * y): magnitudes 0.1..1, either sign
 * @param tolerance the checker's pass bound
 */
public record LayerCase(LayerSpec spec, Map<String, Integer> dims, Map<String, Matrix> inputs,
                        Map<String, IntMatrix> indices, Matrix G, Tolerance tolerance) {

    public LayerCase {
        dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        indices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(indices));
    }

    /** The inputs as the forward and the backward see them. */
    public Inputs values() {
        return new Inputs(inputs, indices, dims);
    }

    /**
     * Judges the backward on this case: every input's gradient against the checker's finite
     * differences of L = sum(G * forward). Never throws for a wrong backward: a backward that throws,
     * or returns a gradient missing or of the wrong shape, gives an invalid verdict naming it.
     */
    public Verdict verdict() {
        List<String> names = new ArrayList<>(inputs.keySet());
        Map<String, Matrix> grads;
        try {
            grads = spec.backwardFunction().apply(values(), G);
        } catch (RuntimeException e) {
            return Verdict.invalid(this, "the backward threw " + e);
        }
        if (grads == null) {
            return Verdict.invalid(this, "the backward returned null");
        }
        List<Matrix> manual = new ArrayList<>();
        for (String n : names) {
            Matrix g = grads.get(n);
            Matrix x = inputs.get(n);
            if (g == null) {
                return Verdict.invalid(this, "the backward returned no gradient for " + n + " (it returned "
                        + grads.keySet() + ")");
            }
            if (g.rows() != x.rows() || g.cols() != x.cols()) {
                return Verdict.invalid(this, "the backward's d" + n + " is " + g.shape() + " but " + n + " is "
                        + x.shape());
            }
            manual.add(g);
        }
        Report r = GradientChecker.checkGradient(spec.name(), names, this::loss, new ArrayList<>(inputs.values()),
                manual, tolerance);
        return new Verdict(this, r, manual, null);
    }

    /** The test loss L = sum(G * forward(inputs)) at the given differentiated inputs (in the spec's order). */
    double loss(List<Matrix> at) {
        Map<String, Matrix> m = new LinkedHashMap<>();
        int k = 0;
        for (String n : inputs.keySet()) {
            m.put(n, at.get(k++));
        }
        return G.mul(spec.forwardFunction().apply(new Inputs(m, indices, dims))).sum();
    }

    /**
     * Passes quietly when every element of every input's gradient passes; otherwise throws an
     * {@link AssertionError} with the verdict: FAIL (a real mismatch, with the worst element and the
     * expected gradient against yours), inconclusive (finite differences could not judge some
     * element, and why: narrow the input's domain) or invalid (the check could not be made).
     */
    public Verdict check() {
        Verdict v = verdict();
        if (!v.passed()) {
            throw new AssertionError(v.describe());
        }
        return v;
    }

    /**
     * For a backward you know is wrong: passes when the judge rejects it on this case -- the check
     * was made and at least one element is a real mismatch -- and throws otherwise (a pass, an
     * inconclusive or an invalid verdict proves nothing).
     */
    public Verdict assertRejected() {
        Verdict v = verdict();
        if (!v.failed()) {
            throw new AssertionError("expected " + spec.name() + " to be rejected, but the verdict is "
                    + v.outcome() + ":\n" + v.describe());
        }
        return v;
    }

    /** The case: the dimensions, then every input and G, in values that read back exactly. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(spec.name()).append(" case:");
        dims.forEach((n, d) -> head.append(' ').append(n).append(" = ").append(d).append(','));
        lines.add(head.substring(0, head.length() - (dims.isEmpty() ? 0 : 1)));
        inputs.forEach((n, m) -> {
            lines.add("  " + n + " " + m.shape() + " =");
            lines.addAll(CaseText.exact("    ", m));
        });
        indices.forEach((n, m) -> {
            lines.add("  " + n + " " + m.shape() + " (indices, held fixed) =");
            lines.addAll(CaseText.exact("    ", m));
        });
        lines.add("  G = dL/dy " + G.shape() + " =");
        lines.addAll(CaseText.exact("    ", G));
        return String.join("\n", lines);
    }
}
