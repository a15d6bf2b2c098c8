package org.backpropninja.train;

import java.util.ArrayList;
import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;

/**
 * Plain stochastic gradient descent, the notebook's update {@code p.data += -lr * grad}, and its
 * step learning-rate schedule.
 */
public final class Sgd {

    private Sgd() {
    }

    /** New parameters {@code p - lr * grads}, each of the seven updated with its own gradient. */
    public static Params step(Params p, Params grads, double lr) {
        List<Matrix> ps = p.asList();
        List<Matrix> gs = grads.asList();
        List<Matrix> next = new ArrayList<>(7);
        for (int i = 0; i < 7; i++) {
            next.add(ps.get(i).addScaled(gs.get(i), -lr));
        }
        return Params.of(next);
    }

    /** The notebook's schedule: {@code lr} before step {@code decayStep}, {@code lrAfter} from it on. */
    public record Schedule(double lr, long decayStep, double lrAfter) {
        public double at(long step) {
            return step < decayStep ? lr : lrAfter;
        }
    }
}
