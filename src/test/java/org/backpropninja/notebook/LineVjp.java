package org.backpropninja.notebook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;

/**
 * An Exercise 1 line judged as what it is, a vector-Jacobian product: given any upstream gradients
 * G in the d.* it may read, the line for x must return the sum, over the lines that use x, of the
 * transposed Jacobian of that line's output with respect to x applied to that line's G -- the
 * gradient of {@code sum_u <G_u, u(x)>} with every other input of the lines held fixed.
 *
 * <p>Why not only the reference's upstream gradients: on the notebook's network some of them are
 * zero in exact arithmetic (softmax is shift-invariant, so dlogit_max is zero; batchnorm's input
 * gradient sums to zero over the batch, so db1 is zero), and a line that drops the branch they
 * carry -- {@code dlogit_max} returning zeros, {@code dlogits} without the max branch, {@code db1}
 * returning zeros -- would pass. With G random in every d.* (uniform in [-1, 1], so the expected
 * gradient is of order one), only the product itself passes. docs/derivations.md, "Values used twice".
 */
final class LineVjp {

    private LineVjp() {
    }

    /** Random gradients, uniform in [-1, 1], for every tensor of the table, each of its shape in {@code f}. */
    static StagedChain.Grads randomUpstream(StagedChain.Forward f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<Tensor, Matrix> g = new EnumMap<>(Tensor.class);
        for (Tensor t : Tensor.values()) {
            Matrix x = f.value(t);
            g.put(t, Matrix.generate(x.rows(), x.cols(), (i, j) -> r.nextDouble(-1.0, 1.0)));
        }
        return new StagedChain.Grads(g);
    }

    /** Whether the line reads an upstream gradient at all: every line but dlogprobs, whose upstream is dloss = 1. */
    static boolean applies(Tensor t) {
        return !t.users().isEmpty();
    }

    /**
     * {@code sum_u <G_u, u(x)>} over the lines u that use t, each computed from x and this forward's
     * values of every other tensor of the table.
     */
    static double pairing(StagedChain.Forward f, Tensor t, Matrix x, StagedChain.Grads g) {
        Map<Tensor, Matrix> given = new EnumMap<>(Tensor.class);
        for (Tensor s : Tensor.values()) {
            given.put(s, s == t ? x : f.value(s));
        }
        StagedChain.Forward uses = StagedChain.rerunStretch(f, t.readBy(), given);
        double sum = 0;
        for (Tensor u : t.users()) {
            sum += uses.value(u).mul(g.get(u)).sum();
        }
        return sum;
    }

    /**
     * dx, the line's answer given the upstream g, against finite differences of {@link #pairing}
     * (probs in relative coordinates, as in {@link StagedGradCheck#row}).
     */
    static InputReport check(StagedChain.Forward f, Tensor t, Matrix dx, StagedChain.Grads g, Tolerance tol) {
        Matrix x0 = f.value(t);
        String name = t.notebookName();
        if (StagedGradCheck.RELATIVE.contains(t)) {
            Matrix u0 = Matrix.zeros(x0.rows(), x0.cols());
            return GradientChecker.checkGradient(name, List.of(name),
                    in -> pairing(f, t, x0.mul(in.get(0).plus(1.0)), g), List.of(u0), List.of(x0.mul(dx)), tol)
                    .input(name);
        }
        return GradientChecker.checkGradient(name, List.of(name), in -> pairing(f, t, in.get(0), g),
                List.of(x0), List.of(dx), tol).input(name);
    }

    /** The upstream gradients the line's users carry, by name, for a failure's case. */
    static Map<String, Matrix> shownUpstream(Tensor t, StagedChain.Grads g) {
        Map<String, Matrix> shown = new java.util.LinkedHashMap<>();
        for (Tensor u : t.users()) {
            shown.put("d" + u.notebookName() + " (random)", g.get(u));
        }
        return shown;
    }
}
