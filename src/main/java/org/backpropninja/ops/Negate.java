package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Negation, the leading minus of the notebook's {@code loss = -logprobs[range(n), Yb].mean()}.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Negate`.
 */
public final class Negate {

    private Negate() {
    }

    /** What backward needs: the input and the output. */
    public record Forward(Matrix x, Matrix out) {
    }

    /** out = -x. */
    public static Forward forward(Matrix x) {
        return new Forward(x, x.neg());
    }

    /** dx = -dout. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Negate.backward", dout);
        return dout.neg();
    }
}
