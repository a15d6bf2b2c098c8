package org.backpropninja.check;

/**
 * Pass bound of the gradient checker: an element passes when
 * {@code |manual - numeric| <= atol + rtol * max(|manual|, |numeric|)}.
 */
public record Tolerance(double rtol, double atol) {

    /**
     * rtol 1e-6, atol 1e-8. Where the function is smooth on the step's scale (its curvature scale
     * far above 1e-3 max(1, |x|)), the five-point stencil's error is about 1e-12 absolute and
     * 1e-10 relative or better on O(1) inputs in double precision, so this leaves four orders of
     * margin for rounding. A wrong derivative is caught when its error exceeds about 1e-6 relative:
     * a missing factor, sign, transpose or branch usually errs by O(1) relative, though some slips
     * are smaller (Bessel's factor dropped changes one term by the factor (n-1)/n) and some are
     * invisible on particular data (the row max's branch, which carries zero gradient in the full
     * chain); docs/derivations.md, "The gradient checker", names them.
     */
    public static final Tolerance DEFAULT = new Tolerance(1e-6, 1e-8);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("tolerance must be non-negative, got rtol " + rtol
                    + " atol " + atol);
        }
    }

    /** What the bound allows between a manual value m and a numeric value n: atol + rtol max(|m|, |n|). */
    public double allowed(double m, double n) {
        return atol + rtol * Math.max(Math.abs(m), Math.abs(n));
    }
}
