package org.backpropninja.train;

import org.backpropninja.matrix.Fused;
import org.backpropninja.nn.Params;

/**
 * Plain stochastic gradient descent, the notebook's update {@code p.data += -lr * grad}, and its
 * step learning-rate schedule.
 */
public final class Sgd {

    private Sgd() {
    }

    /**
     * New parameters {@code p - lr * grads}, each of the seven ({@link org.backpropninja.nn.Param}) updated with its own gradient, in one
     * call so that the kernel can share the updates between the cores ({@link Fused#addScaledEach});
     * every element is the same {@code p + (-lr) * grad} either way.
     */
    public static Params step(Params p, Params grads, double lr) {
        return Params.of(Fused.addScaledEach(p.asList(), grads.asList(), -lr));
    }

    /** The notebook's schedule: {@code lr} before step {@code decayStep}, {@code lrAfter} from it on. */
    public record Schedule(double lr, long decayStep, double lrAfter) {
        public double at(long step) {
            return step < decayStep ? lr : lrAfter;
        }
    }
}
