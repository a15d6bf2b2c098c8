package org.backpropninja.check;

/**
 * Pass bound of the gradient checker: an element passes when
 * {@code |manual - numeric| <= atol + rtol * max(|manual|, |numeric|)}.
 */
public record Tolerance(double rtol, double atol) {

    /**
     * rtol 1e-6, atol 1e-8: the five-point stencil reaches ~1e-10 relative on smooth O(1) inputs
     * in double precision, so this leaves four orders of margin for rounding while any wrong
     * derivative (a missing factor, sign, transpose or branch) errs by O(1) relative.
     */
    public static final Tolerance DEFAULT = new Tolerance(1e-6, 1e-8);

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException("tolerance must be non-negative, got rtol " + rtol
                    + " atol " + atol);
        }
    }
}
