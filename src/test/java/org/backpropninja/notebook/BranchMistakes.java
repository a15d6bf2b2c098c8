package org.backpropninja.notebook;

import org.backpropninja.matrix.Matrix;

/**
 * Lines that keep one branch where a value is used twice, or drop a branch whose upstream gradient
 * is zero in exact arithmetic on the notebook's network: each is right, or nearly, with the
 * reference's upstream gradients and wrong as a vector-Jacobian product, which the judge must
 * report with a shrunk case ({@link LineVjp}). Every other gradient a placeholder.
 */
final class BranchMistakes extends BlankExercises {

    /** counts is used twice; only the probs branch kept (counts_sum's dropped). */
    @Override
    public Matrix dcounts(ForwardValues v, Upstream d) {
        return d.dprobs().mul(v.countsSumInv());
    }

    /** Zeros: right on the notebook's network only because softmax is shift-invariant. */
    @Override
    public Matrix dlogitMax(ForwardValues v, Upstream d) {
        return Matrix.zeros(v.n(), 1);
    }

    /** logits is used twice; Exercise 1's dlogits without the max branch. */
    @Override
    public Matrix dlogits(ForwardValues v, Upstream d) {
        return d.dnormLogits();
    }

    /** bndiff is used twice; only the bnraw branch kept (bndiff2's dropped). */
    @Override
    public Matrix dbndiff(ForwardValues v, Upstream d) {
        return d.dbnraw().mul(v.bnvarInv());
    }

    /** hprebn is used twice; only the bndiff branch kept (bnmeani's dropped). */
    @Override
    public Matrix dhprebn(ForwardValues v, Upstream d) {
        return d.dbndiff();
    }

    /** Zeros: right on the notebook's network only because batchnorm's input gradient sums to zero over the batch. */
    @Override
    public Matrix db1(ForwardValues v, Upstream d) {
        return Matrix.zeros(1, v.b1().cols());
    }
}
