package org.backpropninja.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backpropninja.matrix.Matrix;

/**
 * The one finite-difference judge of every hand-written derivative in this project: each element
 * of the loss's gradient by the five-point central stencil, h = {@link #STEP} max(1, |x|), passed
 * within {@code atol + rtol * max(|manual|, |numeric|)} ({@link Tolerance}). An element that misses
 * at that step is judged again with the step halved (up to {@link #HALVINGS} times) and is FAIL
 * only when two successive estimates have settled on a value the manual one misses by more than
 * the tolerance and the estimate's own uncertainty; where finite differences cannot decide (the
 * step leaves the domain, a kink, no settled estimate) it is inconclusive, with the reason. So a
 * right derivative is never called wrong. Why the stencil, the step, the tolerance and the rule:
 * docs/derivations.md, "The gradient checker"; docs/testing.md, "Tolerances and why".
 *
 * <p>{@link #checkVjp} judges a vector-Jacobian product through {@code L = sum(G * f(x))} for a
 * caller-chosen G, which must be random: a backward right only for G = 1 must fail. Inputs are
 * never mutated; non-finite inputs, upstream gradients or losses make the report invalid, and a
 * non-finite manual element is a failure, never passed.
 */
public final class GradientChecker {

    /** Relative step of the stencil: h = STEP * max(1, |x|). */
    public static final double STEP = 1e-3;

    /** How many times an element that misses at the first step is re-examined with the step halved. */
    public static final int HALVINGS = 16;

    private static final double EPS = Math.ulp(1.0);

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

    /** The verdict on one element. */
    private enum Status { PASS, FAIL, INCONCLUSIVE }

    /**
     * What the checker concluded about one element: the verdict, the numeric derivative it rests on
     * (NaN when no step gave a finite one), the step that gave it, and for an inconclusive element
     * the reason.
     */
    private record Verdict(Status status, double numeric, double step, String reason) {
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
            reports.add(checkInput(loss, base, inputs, i, inputNames.get(i), manual.get(i), tol));
        }
        return new Report(name, tol, reports, null);
    }

    private static InputReport checkInput(Loss loss, double base, List<Matrix> inputs, int which,
                                          String inputName, Matrix manual, Tolerance tol) {
        Matrix x = inputs.get(which);
        double maxAbs = 0.0;
        double maxRel = 0.0;
        double worstRatio = -1.0;
        int worstRow = 0;
        int worstCol = 0;
        double worstManual = 0.0;
        double worstNumeric = 0.0;
        int failures = 0;
        int inconclusive = 0;
        int firstInconclusiveRow = 0;
        int firstInconclusiveCol = 0;
        String inconclusiveReason = null;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                double m = manual.get(r, c);
                Verdict v = judge(loss, base, inputs, which, r, c, m, tol);
                if (v.status() == Status.INCONCLUSIVE) {
                    // kept out of the figures below: there is no numeric derivative to compare with
                    if (inconclusive++ == 0) {
                        firstInconclusiveRow = r;
                        firstInconclusiveCol = c;
                        inconclusiveReason = v.reason();
                    }
                    continue;
                }
                double n = v.numeric();
                double diff = Math.abs(m - n);
                double scale = Math.max(Math.abs(m), Math.abs(n));
                // Relative error only where the gradient stands above the absolute floor: a gradient
                // that is exactly 0 meeting a numeric one at rounding level is judged by atol alone.
                double rel = scale <= tol.atol() ? 0.0 : diff / scale;
                boolean ok = v.status() == Status.PASS;
                double ratio = ok ? diff / tol.allowed(m, n) : Double.POSITIVE_INFINITY;
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
                worstNumeric, failures, x.size(), inconclusive, firstInconclusiveRow, firstInconclusiveCol,
                inconclusiveReason);
    }

    /**
     * The verdict on element (r, c) of input {@code which} whose manual derivative is m: pass at the
     * first step, else the step-halving rule of the class comment.
     */
    private static Verdict judge(Loss loss, double base, List<Matrix> inputs, int which, int r, int c, double m,
                                Tolerance tol) {
        double x0 = inputs.get(which).get(r, c);
        double h = STEP * Math.max(1.0, Math.abs(x0));
        Stencil first = stencil(loss, base, inputs, which, r, c, h);
        double n0 = first.central();
        if (Double.isFinite(n0) && Math.abs(m - n0) <= tol.allowed(m, n0)) {
            return new Verdict(Status.PASS, n0, h, null);
        }
        if (!Double.isFinite(m)) {
            return new Verdict(Status.FAIL, n0, h, null);
        }
        Stencil previous = first.finite() ? first : null;
        Stencil last = previous;
        for (int k = 1; k <= HALVINGS; k++) {
            h /= 2;
            Stencil s = stencil(loss, base, inputs, which, r, c, h);
            if (!s.finite()) {
                previous = null;
                continue;
            }
            last = s;
            if (previous != null) {
                double n = s.central();
                double drift = Math.abs(n - previous.central());
                double allowed = tol.allowed(m, n);
                double miss = Math.abs(m - n);
                // settled: two steps agree within the tolerance of their own size (not the manual
                // value's, which a wrong manual value could inflate), as they do once the stencil's
                // error is down to the h^4 regime; before that (a step coarser than the curvature) not
                if (drift <= tol.allowed(n, previous.central())) {
                    if (miss <= allowed) {
                        return new Verdict(Status.PASS, n, h, null);
                    }
                    if (miss > allowed + drift + s.spread() + 4 * s.rounding()) {
                        return new Verdict(Status.FAIL, n, h, null);
                    }
                }
            }
            previous = s;
        }
        if (last == null) {
            return new Verdict(Status.INCONCLUSIVE, Double.NaN, h, String.format(Locale.ROOT,
                    "the loss is not finite within 2h of this element at any step from %.1e down to %.1e"
                            + " (the step leaves the function's domain)", h * (1 << HALVINGS), h));
        }
        double n = last.central();
        if (last.spread() > tol.allowed(m, n)) {
            return new Verdict(Status.INCONCLUSIVE, n, last.h(), String.format(Locale.ROOT,
                    "the one-sided slopes still differ by %.3e at step %.1e (a kink, such as a tie in a row"
                            + " maximum: no derivative to compare with)", last.spread(), last.h()));
        }
        return new Verdict(Status.INCONCLUSIVE, n, last.h(), String.format(Locale.ROOT,
                "the numeric derivative did not settle as the step shrank to %.1e (last %.17g against manual"
                        + " %.17g: curved on a finer scale than the step, or dominated by rounding)",
                last.h(), n, m));
    }

    /**
     * The five evaluations of one step: f at x - 2h, x - h, x (the base loss), x + h, x + 2h.
     */
    private record Stencil(double h, double fm2, double fm1, double f0, double fp1, double fp2) {

        boolean finite() {
            return Double.isFinite(fm2) && Double.isFinite(fm1) && Double.isFinite(fp1) && Double.isFinite(fp2);
        }

        /** The fourth-order central estimate. */
        double central() {
            return (fm2 - 8.0 * fm1 + 8.0 * fp1 - fp2) / (12.0 * h);
        }

        /**
         * |D+(h) - D-(h)| for the one-sided three-point slopes D+ = (-3 f0 + 4 f(x+h) - f(x+2h)) / 2h
         * and D- = (3 f0 - 4 f(x-h) + f(x-2h)) / 2h: h^3 |f''''| / 2 where f is smooth, the jump in
         * slope at a kink.
         */
        double spread() {
            return Math.abs(-6.0 * f0 + 4.0 * (fp1 + fm1) - (fp2 + fm2)) / (2.0 * h);
        }

        /** The rounding bound of the central estimate: 1.5 eps max|f| / h. */
        double rounding() {
            double f = Math.max(Math.max(Math.abs(fm2), Math.abs(fm1)), Math.max(Math.abs(fp1), Math.abs(fp2)));
            return 1.5 * EPS * Math.max(f, Math.abs(f0)) / h;
        }
    }

    private static Stencil stencil(Loss loss, double base, List<Matrix> inputs, int which, int r, int c, double h) {
        Matrix x = inputs.get(which);
        double x0 = x.get(r, c);
        return new Stencil(h,
                at(loss, inputs, which, x.with(r, c, x0 - 2 * h)),
                at(loss, inputs, which, x.with(r, c, x0 - h)),
                base,
                at(loss, inputs, which, x.with(r, c, x0 + h)),
                at(loss, inputs, which, x.with(r, c, x0 + 2 * h)));
    }

    /**
     * The five-point central difference of the loss with respect to element (r, c) of input
     * {@code which} at the first step h = STEP max(1, |x|), all other inputs held fixed.
     */
    public static double derivative(Loss loss, List<Matrix> inputs, int which, int r, int c) {
        double x0 = inputs.get(which).get(r, c);
        return stencil(loss, Double.NaN, inputs, which, r, c, STEP * Math.max(1.0, Math.abs(x0))).central();
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
