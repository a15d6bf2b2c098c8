package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Multiplication by a constant, the notebook's {@code 1/n * ...} in bnmeani and
 * {@code 1/(n-1) * ...} (Bessel's correction) in bnvar.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Scale`.
 */
public final class Scale {

    private Scale() {
    }

    /** What backward needs: the input, the constant, and the output. */
    public record Forward(Matrix x, double s, Matrix out) {
    }

    /** out = s * x. */
    public static Forward forward(Matrix x, double s) {
        return new Forward(x, s, x.scale(s));
    }

    /** dx = s * dout. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Scale.backward", dout);
        return dout.scale(f.s());
    }
}
