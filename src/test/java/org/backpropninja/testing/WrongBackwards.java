package org.backpropninja.testing;

import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;

/**
 * The classic wrong backwards that more than one property feeds to a judge, which must reject
 * them (docs/testing.md, the deliberate-bug table). Each is written out as a student would slip.
 */
public final class WrongBackwards {

    private WrongBackwards() {
    }

    /**
     * The batchnorm backward with Bessel's n/(n-1) dropped from the bnraw term, as if the forward
     * used the biased variance. For n = 2 it errs by a factor 2 on the bnraw term; for n = 16 by
     * 1/15 of it: both far beyond the tolerance.
     */
    public static BatchNorm.Grads besselDropped(BatchNorm.Forward f, Matrix G) {
        int n = G.rows();
        Matrix S = G.mul(f.bnraw()).sum(0);
        Matrix dx = f.bngain().mul(f.bnvarInv()).scale(1.0 / n)
                .mul(G.scale(n).sub(G.sum(0)).sub(f.bnraw().mul(S)));
        return new BatchNorm.Grads(dx, S, G.sum(0));
    }

    /** {@link #besselDropped(BatchNorm.Forward, Matrix)} on inputs (x, bngain, bnbias): dx, dbngain, dbnbias. */
    public static List<Matrix> besselDropped(List<Matrix> in, Matrix G) {
        BatchNorm.Grads g = besselDropped(BatchNorm.forward(in.get(0), in.get(1), in.get(2)), G);
        return List.of(g.dx(), g.dbngain(), g.dbnbias());
    }

    /** The cross-entropy slip: dlogits = softmax / n without subtracting the one-hot of the targets. */
    public static Matrix softmaxWithoutOneHot(Matrix logits, int[] y) {
        return CrossEntropy.forward(logits, y).probs().scale(1.0 / logits.rows());
    }
}
