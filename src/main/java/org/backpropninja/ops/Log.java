package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Element-wise natural logarithm, the notebook's {@code logprobs = probs.log()}; the input must be
 * positive.
 *
 * <pre>
 *   x:   (r, c), positive
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Log`.
 */
public final class Log {

    private Log() {
    }

    /** What backward needs: the input, and the output. */
    public record Forward(Matrix x, Matrix out) {
    }

    /** out = log(x). */
    public static Forward forward(Matrix x) {
        return new Forward(x, x.log());
    }

    /** dx = dout / x. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Log.backward", dout);
        return dout.div(f.x());
    }
}
