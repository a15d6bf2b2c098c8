package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Broadcast addition, the notebook's bias adds {@code + b1}, {@code + bnbias}, {@code + b2}: one
 * operand is (r, c) and the other (r, c), a row (1, c), a column (r, 1) or a scalar (1, 1), in
 * either order. The backward SUMS the gradient over each broadcast axis.
 *
 * <pre>
 *   a:   (r, c) or broadcastable to it
 *   b:   (r, c) or broadcastable to it
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `BroadcastAdd`.
 */
public final class BroadcastAdd {

    private BroadcastAdd() {
    }

    /** What backward needs: both operands (for their shapes), and the output. */
    public record Forward(Matrix a, Matrix b, Matrix out) {
    }

    /** da in a's shape, db in b's shape. */
    public record Grads(Matrix da, Matrix db) {
    }

    /** out = a + b, broadcast. */
    public static Forward forward(Matrix a, Matrix b) {
        return new Forward(a, b, a.add(b));
    }

    /** da = dout summed to a's shape, db = dout summed to b's shape. dout: (r, c). */
    public static Grads backward(Forward f, Matrix dout) {
        f.out().requireSameShape("BroadcastAdd.backward", dout);
        return new Grads(Broadcast.sumTo(dout, f.a().shape()), Broadcast.sumTo(dout, f.b().shape()));
    }
}
