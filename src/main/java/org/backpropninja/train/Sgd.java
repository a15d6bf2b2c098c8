package org.backpropninja.train;

import org.backpropninja.matrix.Concurrently;
import org.backpropninja.nn.Params;

/**
 * Plain stochastic gradient descent, the notebook's update {@code p.data += -lr * grad}, and its
 * step learning-rate schedule.
 */
public final class Sgd {

    private Sgd() {
    }

    /**
     * New parameters {@code p - lr * grads}, each of the seven ({@link org.backpropninja.nn.Param})
     * updated with its own gradient. W1 and
     * W2 hold most of the elements (6,000 and 5,400 of 12,297 at the notebook's sizes), so they are
     * updated side by side, one on each core when there are two ({@link Concurrently#both}); every
     * element is the same {@code p + (-lr) * grad} either way, so the bits do not depend on it.
     */
    public static Params step(Params p, Params grads, double lr) {
        Concurrently.Pair weights = Concurrently.both(
                () -> p.W1().addScaled(grads.W1(), -lr),
                () -> p.W2().addScaled(grads.W2(), -lr));
        return Params.build(q -> switch (q) {
            case W1 -> weights.first();
            case W2 -> weights.second();
            default -> p.get(q).addScaled(grads.get(q), -lr);
        });
    }

    /** The notebook's schedule: {@code lr} before step {@code decayStep}, {@code lrAfter} from it on. */
    public record Schedule(double lr, long decayStep, double lrAfter) {
        public double at(long step) {
            return step < decayStep ? lr : lrAfter;
        }
    }
}
