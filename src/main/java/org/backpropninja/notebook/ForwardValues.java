package org.backpropninja.notebook;

import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;

/**
 * The forward's values as the notebook names them, what a gradient line of {@link Exercises} may
 * read: the minibatch, the seven parameters and every intermediate of the staged forward (cell 49).
 * Names follow the notebook with its underscores written as camel case ({@code counts_sum_inv} is
 * {@link #countsSumInv}).
 *
 * <pre>
 *   Xb (n, block) indices, Yb n targets
 *   C (vocab, embd), W1 (block*embd, hidden), b1 (1, hidden), W2 (hidden, vocab), b2 (1, vocab),
 *   bngain, bnbias (1, hidden)
 *   emb (n*block, embd)       the notebook's (n, block, embd) with its first two axes merged
 *   embcat (n, block*embd), hprebn (n, hidden), bnmeani (1, hidden), bndiff, bndiff2 (n, hidden),
 *   bnvar, bnvarInv (1, hidden), bnraw, hpreact, h (n, hidden),
 *   logits (n, vocab), logitMax (n, 1), normLogits, counts (n, vocab), countsSum, countsSumInv (n, 1),
 *   probs, logprobs (n, vocab)
 * </pre>
 *
 * Built from the staged chain ({@link #of(StagedChain.Forward)}) every value is there and
 * {@link #staged} holds the steps' records; built from the layers for Exercise 4
 * ({@link #ofLayers}) only what the layered forward computes is there -- the parameters, Xb, Yb,
 * emb, embcat, hprebn, bnvarInv, bnraw, hpreact, h, logits -- and the rest is null.
 */
public record ForwardValues(IntMatrix Xb, int[] Yb, Matrix C, Matrix W1, Matrix b1, Matrix W2, Matrix b2,
                            Matrix bngain, Matrix bnbias, Matrix emb, Matrix embcat, Matrix hprebn,
                            Matrix bnmeani, Matrix bndiff, Matrix bndiff2, Matrix bnvar, Matrix bnvarInv,
                            Matrix bnraw, Matrix hpreact, Matrix h, Matrix logits, Matrix logitMax,
                            Matrix normLogits, Matrix counts, Matrix countsSum, Matrix countsSumInv,
                            Matrix probs, Matrix logprobs, StagedChain.Forward staged) {

    public ForwardValues {
        Yb = Yb.clone();
    }

    @Override
    public int[] Yb() {
        return Yb.clone();
    }

    /** The batch size n. */
    public int n() {
        return Xb.rows();
    }

    /** Every value of the staged forward. */
    public static ForwardValues of(StagedChain.Forward f) {
        Params p = f.params();
        return new ForwardValues(f.Xb(), f.Yb(), p.C(), p.W1(), p.b1(), p.W2(), p.b2(), p.bngain(), p.bnbias(),
                f.value("emb"), f.value("embcat"), f.value("hprebn"), f.value("bnmeani"), f.value("bndiff"),
                f.value("bndiff2"), f.value("bnvar"), f.value("bnvar_inv"), f.value("bnraw"), f.value("hpreact"),
                f.value("h"), f.value("logits"), f.value("logit_max"), f.value("norm_logits"), f.value("counts"),
                f.value("counts_sum"), f.value("counts_sum_inv"), f.value("probs"), f.value("logprobs"), f);
    }

    /** What the layered forward of Exercise 4 computes; the staged chain's other intermediates are null. */
    public static ForwardValues ofLayers(Params p, Mlp.Forward f, IntMatrix Xb, int[] Yb) {
        Matrix embcat = f.layer1().x();                                   // (n, block*embd)
        Matrix emb = embcat.reshape(Xb.rows() * Xb.cols(), p.C().cols()); // (n*block, embd)
        return new ForwardValues(Xb, Yb, p.C(), p.W1(), p.b1(), p.W2(), p.b2(), p.bngain(), p.bnbias(), emb,
                embcat, f.layer1().out(), null, null, null, null, f.bn().bnvarInv(), f.bn().bnraw(), f.bn().out(),
                f.act().h(), f.layer2().out(), null, null, null, null, null, null, null, null);
    }
}
