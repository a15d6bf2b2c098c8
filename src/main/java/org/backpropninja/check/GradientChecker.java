package org.backpropninja.check;

import java.util.ArrayList;
import java.util.List;
import org.backpropninja.matrix.Matrix;

/**
 * The one finite-difference judge of every hand-written derivative in this project.
 *
 * <p>Given a scalar loss of one or more matrices and a hand-written gradient for each, it
 * differentiates the loss numerically, element by element, with the fourth-order central stencil
 *
 * <pre>  f'(x) ~ [f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)] / (12 h),   h = 1e-3 * max(1, |x|)</pre>
 *
 * whose truncation error is h^4 f^(5)(x) / 30 (~1e-13 for O(1) derivatives) and whose rounding
 * error is about 1.5 eps |L| / h (~3e-13 |L|); see docs/derivations.md, "The gradient checker".
 * An element passes when {@code |manual - numeric| <= atol + rtol * max(|manual|, |numeric|)}.
 * The default tolerance, rtol 1e-6 and atol 1e-8, sits four or more orders of magnitude above the
 * stencil's error on smooth O(1) inputs and many orders below the error of any wrong derivative.
 *
 * <p>For an operation y = f(x1, ..., xk) with a vector-Jacobian product, {@link #checkVjp} builds
 * the scalar test loss {@code L = sum(G * f(x))} from a caller-chosen upstream gradient G, so the
 * hand-written backward is judged on exactly what it claims: {@code dL/dxi = vjp(x, G)}. G must be
 * random: a backward that is right only for G = 1 (or whose error sums to zero, as softmax's and
 * batchnorm's do for a plain sum) must fail.
 *
 * <p>Inputs are never mutated: each perturbed evaluation gets a new matrix from {@link Matrix#with}.
 * Non-finite inputs, upstream gradients, manual gradients or losses are reported as failures, never
 * passed.
 */
public final class GradientChecker {

    /** Relative step of the stencil: h = STEP * max(1, |x|). */
    public static final double STEP = 1e-3;

    private GradientChecker() {
    }

    /** A scalar function of matrices: the loss whose gradient is checked. */
    @FunctionalInterface
    public interface Loss {
        double apply(List<Matrix> inputs);
    }

    /** A matrix-valued forward y = f(x1, ..., xk). */
    @FunctionalInterface
    public interface Forward {
        Matrix apply(List<Matrix> inputs);
    }

    /** A hand-written vector-Jacobian product: given the inputs and dL/dy, returns dL/dxi for each input. */
    @FunctionalInterface
    public interface Vjp {
        List<Matrix> apply(List<Matrix> inputs, Matrix upstream);
    }

    /**
     * Checks an operation's backward: the loss is {@code sum(G * f(inputs))}, the manual gradients
     * are {@code vjp(inputs, G)}.
     */
    public static Report checkVjp(String op, Forward f, Vjp vjp, List<Matrix> inputs, Matrix upstream,
                                  Tolerance tol) {
        List<String> names = defaultNames(inputs.size());
        if (!upstream.isFinite()) {
            return Report.invalid(op, tol, "the upstream gradient G has a non-finite element");
        }
        Matrix y = f.apply(inputs);
        if (y.rows() != upstream.rows() || y.cols() != upstream.cols()) {
            throw new IllegalArgumentException("checkVjp: " + op + " output is " + y.shape()
                    + " but the upstream gradient is " + upstream.shape());
        }
        List<Matrix> manual = vjp.apply(inputs, upstream);
        Loss loss = in -> upstream.mul(f.apply(in)).sum();
        return checkGradient(op, names, loss, inputs, manual, tol);
    }

    /** Checks hand-written gradients of a scalar loss against finite differences. */
    public static Report checkGradient(String name, Loss loss, List<Matrix> inputs, List<Matrix> manual,
                                       Tolerance tol) {
        return checkGradient(name, defaultNames(inputs.size()), loss, inputs, manual, tol);
    }

    /** As {@link #checkGradient(String, Loss, List, List, Tolerance)}, with a name for each input. */
    public static Report checkGradient(String name, List<String> inputNames, Loss loss, List<Matrix> inputs,
                                       List<Matrix> manual, Tolerance tol) {
        if (inputs.size() != manual.size() || inputNames.size() != inputs.size()) {
            throw new IllegalArgumentException("checkGradient: " + name + " has " + inputs.size()
                    + " inputs, " + manual.size() + " gradients and " + inputNames.size() + " names");
        }
        for (int i = 0; i < inputs.size(); i++) {
            Matrix x = inputs.get(i);
            Matrix g = manual.get(i);
            if (x.rows() != g.rows() || x.cols() != g.cols()) {
                throw new IllegalArgumentException("checkGradient: " + name + " input " + inputNames.get(i)
                        + " is " + x.shape() + " but its gradient is " + g.shape());
            }
            if (!x.isFinite()) {
                return Report.invalid(name, tol, "input " + inputNames.get(i) + " has a non-finite element");
            }
        }
        double base = loss.apply(inputs);
        if (!Double.isFinite(base)) {
            return Report.invalid(name, tol, "the loss is not finite at the given inputs: " + base);
        }
        List<InputReport> reports = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            reports.add(checkInput(loss, inputs, i, inputNames.get(i), manual.get(i), tol));
        }
        return new Report(name, tol, reports, null);
    }

    private static InputReport checkInput(Loss loss, List<Matrix> inputs, int which, String inputName,
                                          Matrix manual, Tolerance tol) {
        Matrix x = inputs.get(which);
        double maxAbs = 0.0;
        double maxRel = 0.0;
        double worstRatio = -1.0;
        int worstRow = 0;
        int worstCol = 0;
        double worstManual = 0.0;
        double worstNumeric = 0.0;
        int failures = 0;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                double m = manual.get(r, c);
                double n = derivative(loss, inputs, which, r, c);
                double diff = Math.abs(m - n);
                double scale = Math.max(Math.abs(m), Math.abs(n));
                // Relative error only where the gradient stands above the absolute floor: a gradient
                // that is exactly 0 meeting a numeric one at rounding level is judged by atol alone.
                double rel = scale <= tol.atol() ? 0.0 : diff / scale;
                double allowed = tol.atol() + tol.rtol() * scale;
                // NaN never compares as passing: a non-finite manual or numeric value fails.
                boolean ok = diff <= allowed;
                double ratio = ok ? diff / allowed : Double.POSITIVE_INFINITY;
                if (!ok) {
                    failures++;
                }
                maxAbs = Double.isNaN(diff) ? Double.NaN : Math.max(maxAbs, diff);
                maxRel = Double.isNaN(rel) ? Double.NaN : Math.max(maxRel, rel);
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worstRow = r;
                    worstCol = c;
                    worstManual = m;
                    worstNumeric = n;
                }
            }
        }
        return new InputReport(inputName, x.shape(), maxAbs, maxRel, worstRow, worstCol, worstManual,
                worstNumeric, failures, x.size());
    }

    /**
     * The five-point central difference of the loss with respect to element (r, c) of input
     * {@code which}, all other inputs held fixed.
     */
    public static double derivative(Loss loss, List<Matrix> inputs, int which, int r, int c) {
        Matrix x = inputs.get(which);
        double x0 = x.get(r, c);
        double h = STEP * Math.max(1.0, Math.abs(x0));
        double fm2 = at(loss, inputs, which, x.with(r, c, x0 - 2 * h));
        double fm1 = at(loss, inputs, which, x.with(r, c, x0 - h));
        double fp1 = at(loss, inputs, which, x.with(r, c, x0 + h));
        double fp2 = at(loss, inputs, which, x.with(r, c, x0 + 2 * h));
        return (fm2 - 8.0 * fm1 + 8.0 * fp1 - fp2) / (12.0 * h);
    }

    private static double at(Loss loss, List<Matrix> inputs, int which, Matrix perturbed) {
        List<Matrix> in = new ArrayList<>(inputs);
        in.set(which, perturbed);
        return loss.apply(in);
    }

    private static List<String> defaultNames(int k) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            names.add("#" + i);
        }
        return names;
    }
}
