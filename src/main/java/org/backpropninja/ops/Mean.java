package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Mean of all elements, the notebook's {@code .mean()} of the picked log-probabilities.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (1, 1)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Mean`.
 */
public final class Mean {

    private Mean() {
    }

    /** What backward needs: the input (for its shape and count), and the output. */
    public record Forward(Matrix x, Matrix out) {
    }

    /** out = sum(x) / (r * c), as a (1, 1) matrix. */
    public static Forward forward(Matrix x) {
        return new Forward(x, Matrix.full(1, 1, x.sum() / x.size()));
    }

    /** dx = ones_like(x) * dout / (r * c): every element shares the gradient equally. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Mean.backward", dout);
        return Matrix.full(f.x().rows(), f.x().cols(), dout.get(0, 0) / f.x().size());
    }
}
