package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Broadcast subtraction, the notebook's {@code bndiff = hprebn - bnmeani} (a row, (1, c)) and
 * {@code norm_logits = logits - logit_max} (a column, (r, 1)); scalars and either order work too.
 * The backward SUMS the gradient over each broadcast axis, with a minus sign for b.
 *
 * <pre>
 *   a:   (r, c) or broadcastable to it
 *   b:   (r, c) or broadcastable to it
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `BroadcastSub`.
 */
public final class BroadcastSub {

    private BroadcastSub() {
    }

    /** What backward needs: both operands (for their shapes), and the output. */
    public record Forward(Matrix a, Matrix b, Matrix out) {
    }

    /** da in a's shape, db in b's shape. */
    public record Grads(Matrix da, Matrix db) {
    }

    /** out = a - b, broadcast. */
    public static Forward forward(Matrix a, Matrix b) {
        return new Forward(a, b, a.sub(b));
    }

    /** da = dout summed to a's shape, db = -dout summed to b's shape. dout: (r, c). */
    public static Grads backward(Forward f, Matrix dout) {
        f.out().requireSameShape("BroadcastSub.backward", dout);
        return new Grads(Broadcast.sumTo(dout, f.a().shape()), Broadcast.sumTo(dout.neg(), f.b().shape()));
    }
}
