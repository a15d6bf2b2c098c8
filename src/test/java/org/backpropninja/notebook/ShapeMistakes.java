package org.backpropninja.notebook;

import org.backpropninja.matrix.Matrix;

/**
 * Gradients whose shape is wrong in one dimension only -- the sum over a broadcast axis forgotten:
 * rows right and columns wrong, and the reverse. The judge must say which shape it got and which
 * it needs, on the batch and on a shrunk case. Every other gradient a placeholder.
 */
final class ShapeMistakes extends BlankExercises {

    /** (n, vocab) where counts_sum_inv is (n, 1): the sum over the columns forgotten. Rows right, columns wrong. */
    @Override
    public Matrix dcountsSumInv(ForwardValues v, Upstream d) {
        return v.counts().mul(d.dprobs());
    }

    /** (n, hidden) where bngain is (1, hidden): the sum over the batch forgotten. Rows wrong, columns right. */
    @Override
    public Matrix dbngain(ForwardValues v, Upstream d) {
        return v.bnraw().mul(d.dhpreact());
    }
}
