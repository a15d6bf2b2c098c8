package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/**
 * The backward half of NumPy-style broadcasting, shared by {@link BroadcastAdd},
 * {@link BroadcastSub} and {@link BroadcastMul}: an operand that was stretched along an axis
 * receives the sum of the upstream gradient along that axis.
 */
final class Broadcast {

    private Broadcast() {
    }

    /**
     * Sums g over every axis on which {@code target} has extent 1 but g does not: g (r, c) to
     * target (r, c), (1, c), (r, 1) or (1, 1).
     */
    static Matrix sumTo(Matrix g, Shape target) {
        Matrix out = g;
        if (target.rows() == 1 && out.rows() != 1) {
            out = out.sum(0);
        }
        if (target.cols() == 1 && out.cols() != 1) {
            out = out.sum(1);
        }
        if (out.rows() != target.rows() || out.cols() != target.cols()) {
            throw new IllegalArgumentException("sumTo: cannot reduce " + g.shape() + " to " + target);
        }
        return out;
    }
}
