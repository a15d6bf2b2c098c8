package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Element-wise power of a shifted input, {@code (x + offset)^p}: the notebook's
 * {@code bndiff2 = bndiff ** 2} (offset 0, p 2), {@code bnvar_inv = (bnvar + 1e-5) ** -0.5}
 * (offset 1e-5, p -0.5) and {@code counts_sum_inv = counts_sum ** -1} (offset 0, p -1).
 * For a non-integer or negative p, x + offset must be positive.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Pow`.
 */
public final class Pow {

    private Pow() {
    }

    /** What backward needs: the input, the offset and exponent, and the output. */
    public record Forward(Matrix x, double offset, double p, Matrix out) {
    }

    /** out = x^p. */
    public static Forward forward(Matrix x, double p) {
        return forward(x, 0.0, p);
    }

    /** out = (x + offset)^p. */
    public static Forward forward(Matrix x, double offset, double p) {
        Matrix shifted = offset == 0.0 ? x : x.plus(offset);
        return new Forward(x, offset, p, shifted.pow(p));
    }

    /** dx = p * (x + offset)^(p - 1) * dout. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Pow.backward", dout);
        double p = f.p();
        double offset = f.offset();
        Matrix local = f.x().map(x -> p * Math.pow(x + offset, p - 1.0));
        return local.mul(dout);
    }
}
