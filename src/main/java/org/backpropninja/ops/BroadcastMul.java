package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Broadcast element-wise product, the notebook's {@code bnraw = bndiff * bnvar_inv} (a row),
 * {@code bngain * bnraw} (a row, first operand) and {@code probs = counts * counts_sum_inv} (a
 * column); scalars work too. The backward multiplies by the other operand and SUMS over each
 * broadcast axis.
 *
 * <pre>
 *   a:   (r, c) or broadcastable to it
 *   b:   (r, c) or broadcastable to it
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `BroadcastMul`.
 */
public final class BroadcastMul {

    private BroadcastMul() {
    }

    /** What backward needs: both operands, and the output. */
    public record Forward(Matrix a, Matrix b, Matrix out) {
    }

    /** da in a's shape, db in b's shape. */
    public record Grads(Matrix da, Matrix db) {
    }

    /** out = a * b, element-wise, broadcast. */
    public static Forward forward(Matrix a, Matrix b) {
        return new Forward(a, b, a.mul(b));
    }

    /** da = (b * dout) summed to a's shape, db = (a * dout) summed to b's shape. dout: (r, c). */
    public static Grads backward(Forward f, Matrix dout) {
        f.out().requireSameShape("BroadcastMul.backward", dout);
        return new Grads(Broadcast.sumTo(dout.mul(f.b()), f.a().shape()),
                Broadcast.sumTo(dout.mul(f.a()), f.b().shape()));
    }
}
