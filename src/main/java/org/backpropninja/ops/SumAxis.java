package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Sum along one axis with the dimension kept: the notebook's {@code hprebn.sum(0, keepdim=True)},
 * {@code bndiff2.sum(0, keepdim=True)} (over the batch, axis 0) and
 * {@code counts.sum(1, keepdim=True)} (over a row, axis 1). The backward BROADCASTS the gradient
 * back over the summed axis.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (1, c) for axis 0, (r, 1) for axis 1
 * </pre>
 *
 * Derivation: docs/derivations.md, section `SumAxis`.
 */
public final class SumAxis {

    private SumAxis() {
    }

    /** What backward needs: the input (for its shape), the axis, and the output. */
    public record Forward(Matrix x, int axis, Matrix out) {
    }

    /** out = x.sum(axis, keepdim=True). */
    public static Forward forward(Matrix x, int axis) {
        return new Forward(x, axis, x.sum(axis));
    }

    /** dx = ones_like(x) * dout: every summed element gets the gradient of its sum. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("SumAxis.backward", dout);
        return Matrix.zeros(f.x().rows(), f.x().cols()).add(dout);
    }
}
