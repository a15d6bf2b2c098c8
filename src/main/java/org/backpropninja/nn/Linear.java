package org.backpropninja.nn;

import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.MatmulGrads;
import org.backpropninja.matrix.Matrix;

/**
 * An affine layer {@code out = x @ W + b}, b a (1, out) row broadcast over the batch.
 *
 * <p>Derivation: docs/derivations.md, Part 2, "{@code Linear}".
 */
public final class Linear {

    private Linear() {
    }

    /**
     * What the backward needs.
     *
     * @param out the output, (n, m)
     * @param x   the input, (n, k)
     * @param W   the weights, (k, m)
     */
    public record Forward(Matrix out, Matrix x, Matrix W) {
    }

    /** Gradients of the three inputs, each the shape of its input. */
    public record Grads(Matrix dx, Matrix dW, Matrix db) {
    }

    /** x: (n, k), W: (k, m), b: (1, m) -> out: (n, m). */
    public static Forward forward(Matrix x, Matrix W, Matrix b) {
        if (x.cols() != W.rows() || b.rows() != 1 || b.cols() != W.cols()) {
            throw new IllegalArgumentException("Linear: x " + x.shape() + " @ W " + W.shape() + " + b "
                    + b.shape() + " needs x (n, k), W (k, m), b (1, m)");
        }
        return new Forward(Fused.affine(x, W, b), x, W);  // x @ W + b in one kernel
    }

    /**
     * dx = dout @ W^T, dW = x^T @ dout, db = column sums of dout (b was broadcast over the rows).
     * dout: (n, m).
     */
    public static Grads backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Linear.backward: dout", dout);
        MatmulGrads g = Fused.matmulBackward(f.x(), f.W(), dout);  // dx (n, k), dW (k, m)
        Matrix db = dout.sum(0);                                   // (1, m)
        return new Grads(g.dx(), g.dw(), db);
    }
}
