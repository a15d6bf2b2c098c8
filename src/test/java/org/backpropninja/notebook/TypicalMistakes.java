package org.backpropninja.notebook;

import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.testing.WrongBackwards;

/**
 * Four gradients written as a learner might slip (docs/testing.md's table of deliberate bugs, and
 * one the notebook's batch cannot catch), every other gradient a placeholder: what the judge must
 * report, each with its own shrunk case.
 */
final class TypicalMistakes extends BlankExercises {

    /** The notebook's batch size typed in: right on the notebook's batch (n = 32), wrong for any other n. */
    @Override
    public Matrix dlogprobs(ForwardValues v, Upstream d) {
        return Matrix.oneHot(v.Yb(), v.logprobs().cols()).scale(-1.0 / 32);
    }

    /** {@code dC[Xb[k, j]] = demb[k, j]}: `=` instead of accumulating, so a repeated row keeps only its last use. */
    @Override
    public Matrix dC(ForwardValues v, Upstream d) {
        Matrix dC = Matrix.zeros(v.C().rows(), v.C().cols());
        int[] ix = v.Xb().toArray();                        // row k of demb came from row ix[k] of C
        Matrix demb = d.demb();
        for (int k = 0; k < ix.length; k++) {
            for (int j = 0; j < demb.cols(); j++) {
                dC = dC.with(ix[k], j, demb.get(k, j));
            }
        }
        return dC;
    }

    /** Softmax / n without subtracting the one-hot of the targets. */
    @Override
    public Matrix dlogits(Matrix logits, int[] Yb) {
        return WrongBackwards.softmaxWithoutOneHot(logits, Yb);
    }

    /** The closed form with Bessel's n/(n-1) dropped from the bnraw term. */
    @Override
    public Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact) {
        BatchNorm.Forward f = BatchNorm.forward(hprebn, bngain, Matrix.zeros(1, hprebn.cols()));
        return WrongBackwards.besselDropped(f, dhpreact).dx();
    }
}
