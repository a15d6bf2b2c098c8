package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Element-wise exponential, the notebook's {@code counts = norm_logits.exp()}.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Exp`.
 */
public final class Exp {

    private Exp() {
    }

    /** What backward needs: the input, and the output (which is its own derivative). */
    public record Forward(Matrix x, Matrix out) {
    }

    /** out = exp(x). */
    public static Forward forward(Matrix x) {
        return new Forward(x, x.exp());
    }

    /** dx = out * dout. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Exp.backward", dout);
        return f.out().mul(dout);
    }
}
