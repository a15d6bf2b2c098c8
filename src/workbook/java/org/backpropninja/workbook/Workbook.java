package org.backpropninja.workbook;

import static org.backpropninja.notebook.Exercises.notYet;

import org.backpropninja.matrix.Matrix;
import org.backpropninja.notebook.Exercises;
import org.backpropninja.notebook.ForwardValues;
import org.backpropninja.notebook.Upstream;

/**
 * YOUR WORKBOOK: the notebook's exercises, to fill in. Read docs/workbook.md first; judge it with
 *
 * <pre>
 *   mvn -q -Pworkbook test                 the first time (builds the project, then judges)
 *   java @target/judge --line dprobs       then, one line at a time (or --exercise 3, or nothing: all)
 *   java @target/judge --hint dprobs       a hint, one rung at a time (--hint dprobs:2, ...)
 * </pre>
 *
 * Every gradient starts as {@code return notYet();}, which the judge shows as "not yet". Replace
 * one at a time with your derivation, written with the matrix API (org.backpropninja.matrix.Matrix:
 * matmul, transpose, add, sub, mul, div -- which broadcast a (1, k) row or an (n, 1) column --,
 * sum(axis), scale, pow, exp, log, max(axis), oneHot, ...). Reset to the blank with
 * {@code git checkout -- src/workbook}.
 */
public final class Workbook implements Exercises {

    // ------------------------------------------------------------------------------------------------
    // Exercise 1: backprop through the whole thing manually, one line per gradient, in the notebook's
    // order (from the loss down). v holds the forward's values named as in the notebook (v.probs(),
    // v.countsSumInv(), v.bnvarInv(), v.Xb(), v.Yb(), v.n(), ...); d holds the gradients of the lines
    // above this one (d.dlogprobs(), d.dprobs(), ...). The judge hands each line the reference's
    // gradients above it, then random ones, so each line is judged on its own, as the product it is
    // with any upstream gradient, and you can fill them in any order.
    // Above each line: the forward line that made the tensor (the notebook's staged forward), the lines that use it, and
    // the shape of its gradient. Shapes: n = v.n() examples; (1, k) rows stand for the notebook's
    // keepdim=True sums; emb is (n*block, embd), its row k*block + j is C[Xb[k, j]].
    // ------------------------------------------------------------------------------------------------

    // logprobs = probs.log()
    //   used by: loss = -logprobs[range(n), Yb].mean()
    //   dlogprobs: (n, vocab), the shape of logprobs
    @Override
    public Matrix dlogprobs(ForwardValues v, Upstream d) {
        return notYet();
    }

    // probs = counts * counts_sum_inv
    //   used by: logprobs = probs.log()
    //   dprobs: (n, vocab), the shape of probs
    @Override
    public Matrix dprobs(ForwardValues v, Upstream d) {
        return notYet();
    }

    // counts_sum_inv = counts_sum ** -1
    //   used by: probs = counts * counts_sum_inv (broadcast over the columns)
    //   dcountsSumInv: (n, 1), the shape of counts_sum_inv
    @Override
    public Matrix dcountsSumInv(ForwardValues v, Upstream d) {
        return notYet();
    }

    // counts_sum = counts.sum(1, keepdim=True)
    //   used by: counts_sum_inv = counts_sum ** -1
    //   dcountsSum: (n, 1), the shape of counts_sum
    @Override
    public Matrix dcountsSum(ForwardValues v, Upstream d) {
        return notYet();
    }

    // counts = norm_logits.exp()
    //   used by: probs = counts * counts_sum_inv
    //       and: counts_sum = counts.sum(1, keepdim=True)
    //   used twice: dcounts is the sum of both contributions
    //   dcounts: (n, vocab), the shape of counts
    @Override
    public Matrix dcounts(ForwardValues v, Upstream d) {
        return notYet();
    }

    // norm_logits = logits - logit_max
    //   used by: counts = norm_logits.exp()
    //   dnormLogits: (n, vocab), the shape of norm_logits
    @Override
    public Matrix dnormLogits(ForwardValues v, Upstream d) {
        return notYet();
    }

    // logit_max = logits.max(1, keepdim=True).values
    //   used by: norm_logits = logits - logit_max (broadcast over the columns)
    //   dlogitMax: (n, 1), the shape of logit_max
    @Override
    public Matrix dlogitMax(ForwardValues v, Upstream d) {
        return notYet();
    }

    // logits = h @ W2 + b2
    //   used by: norm_logits = logits - logit_max
    //       and: logit_max = logits.max(1, keepdim=True).values
    //   used twice: dlogits is the sum of both contributions
    //   dlogits: (n, vocab), the shape of logits
    @Override
    public Matrix dlogits(ForwardValues v, Upstream d) {
        return notYet();
    }

    // h = torch.tanh(hpreact)
    //   used by: logits = h @ W2 + b2
    //   dh: (n, hidden), the shape of h
    @Override
    public Matrix dh(ForwardValues v, Upstream d) {
        return notYet();
    }

    // W2: a parameter
    //   used by: logits = h @ W2 + b2
    //   dW2: (hidden, vocab), the shape of W2
    @Override
    public Matrix dW2(ForwardValues v, Upstream d) {
        return notYet();
    }

    // b2: a parameter
    //   used by: logits = h @ W2 + b2 (broadcast over the rows)
    //   db2: (1, vocab), the shape of b2
    @Override
    public Matrix db2(ForwardValues v, Upstream d) {
        return notYet();
    }

    // hpreact = bngain * bnraw + bnbias
    //   used by: h = torch.tanh(hpreact)
    //   dhpreact: (n, hidden), the shape of hpreact
    @Override
    public Matrix dhpreact(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bngain: a parameter
    //   used by: hpreact = bngain * bnraw + bnbias (broadcast over the rows)
    //   dbngain: (1, hidden), the shape of bngain
    @Override
    public Matrix dbngain(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bnraw = bndiff * bnvar_inv
    //   used by: hpreact = bngain * bnraw + bnbias
    //   dbnraw: (n, hidden), the shape of bnraw
    @Override
    public Matrix dbnraw(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bnbias: a parameter
    //   used by: hpreact = bngain * bnraw + bnbias (broadcast over the rows)
    //   dbnbias: (1, hidden), the shape of bnbias
    @Override
    public Matrix dbnbias(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bnvar_inv = (bnvar + 1e-5) ** -0.5
    //   used by: bnraw = bndiff * bnvar_inv (broadcast over the rows)
    //   dbnvarInv: (1, hidden), the shape of bnvar_inv
    @Override
    public Matrix dbnvarInv(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bnvar = 1 / (n - 1) * bndiff2.sum(0, keepdim=True)
    //   used by: bnvar_inv = (bnvar + 1e-5) ** -0.5
    //   dbnvar: (1, hidden), the shape of bnvar
    @Override
    public Matrix dbnvar(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bndiff2 = bndiff ** 2
    //   used by: bnvar = 1 / (n - 1) * bndiff2.sum(0, keepdim=True)
    //   dbndiff2: (n, hidden), the shape of bndiff2
    @Override
    public Matrix dbndiff2(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bndiff = hprebn - bnmeani
    //   used by: bnraw = bndiff * bnvar_inv
    //       and: bndiff2 = bndiff ** 2
    //   used twice: dbndiff is the sum of both contributions
    //   dbndiff: (n, hidden), the shape of bndiff
    @Override
    public Matrix dbndiff(ForwardValues v, Upstream d) {
        return notYet();
    }

    // bnmeani = 1 / n * hprebn.sum(0, keepdim=True)
    //   used by: bndiff = hprebn - bnmeani (broadcast over the rows)
    //   dbnmeani: (1, hidden), the shape of bnmeani
    @Override
    public Matrix dbnmeani(ForwardValues v, Upstream d) {
        return notYet();
    }

    // hprebn = embcat @ W1 + b1
    //   used by: bndiff = hprebn - bnmeani
    //       and: bnmeani = 1 / n * hprebn.sum(0, keepdim=True)
    //   used twice: dhprebn is the sum of both contributions
    //   dhprebn: (n, hidden), the shape of hprebn
    @Override
    public Matrix dhprebn(ForwardValues v, Upstream d) {
        return notYet();
    }

    // embcat = emb.view(emb.shape[0], -1)
    //   used by: hprebn = embcat @ W1 + b1
    //   dembcat: (n, block*embd), the shape of embcat
    @Override
    public Matrix dembcat(ForwardValues v, Upstream d) {
        return notYet();
    }

    // W1: a parameter
    //   used by: hprebn = embcat @ W1 + b1
    //   dW1: (block*embd, hidden), the shape of W1
    @Override
    public Matrix dW1(ForwardValues v, Upstream d) {
        return notYet();
    }

    // b1: a parameter
    //   used by: hprebn = embcat @ W1 + b1 (broadcast over the rows)
    //   db1: (1, hidden), the shape of b1
    @Override
    public Matrix db1(ForwardValues v, Upstream d) {
        return notYet();
    }

    // emb = C[Xb]
    //   used by: embcat = emb.view(emb.shape[0], -1)
    //   demb: (n*block, embd), the shape of emb
    @Override
    public Matrix demb(ForwardValues v, Upstream d) {
        return notYet();
    }

    // C: a parameter
    //   used by: emb = C[Xb]
    //   dC: (vocab, embd), the shape of C
    @Override
    public Matrix dC(ForwardValues v, Upstream d) {
        return notYet();
    }

    // ------------------------------------------------------------------------------------------------
    // Exercise 2: the cross-entropy's backward in one go. loss = F.cross_entropy(logits, Yb): the mean
    // over the n rows of -log softmax(logits)[i, Yb[i]]. Return dlogits (n, vocab) in one expression.
    // ------------------------------------------------------------------------------------------------

    @Override
    public Matrix dlogits(Matrix logits, int[] Yb) {
        return notYet();                                                  // dlogits (n, vocab)
    }

    // ------------------------------------------------------------------------------------------------
    // Exercise 3: batchnorm's backward in one closed form. The forward, with n rows:
    //   hpreact = bngain * (hprebn - hprebn.mean(0)) / sqrt(hprebn.var(0, unbiased=True) + 1e-5) + bnbias
    // Return dhprebn (n, hidden) from hprebn (n, hidden), bngain (1, hidden) and dhpreact (n, hidden);
    // recompute what you need of the forward (bnvar_inv, bnraw) from hprebn.
    // ------------------------------------------------------------------------------------------------

    @Override
    public Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact) {
        return notYet();                                                  // dhprebn (n, hidden)
    }

    // Exercise 4: nothing to write here. Once Exercise 2, Exercise 3 and the lines dh, dW2, db2, dhpreact,
    // dbngain, dbnbias, dembcat, dW1, db1, demb and dC pass, train the network on your backward:
    //   mvn -q -Pworkbook test-compile exec:java
    // (see docs/workbook.md, Exercise 4).
}
