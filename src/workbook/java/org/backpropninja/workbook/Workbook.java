package org.backpropninja.workbook;

import static org.backpropninja.notebook.Exercises.notYet;

import org.backpropninja.matrix.Matrix;
import org.backpropninja.notebook.Exercises;
import org.backpropninja.notebook.ForwardValues;
import org.backpropninja.notebook.Upstream;

/**
 * YOUR WORKBOOK: the notebook's exercises, to fill in. Read docs/workbook.md first; judge it with
 *
 * <pre>  mvn test -Pworkbook</pre>
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
    // gradients above it, so each line is judged on its own and you can fill them in any order.
    // Shapes: n = v.n() examples; (1, k) rows stand for the notebook's keepdim=True sums.
    // ------------------------------------------------------------------------------------------------

    // logprobs: logprobs = probs.log()
    //   used by: loss = -logprobs[range(n), Yb].mean()
    @Override
    public Matrix dlogprobs(ForwardValues v, Upstream d) {
        return notYet();                                                  // dlogprobs (n, vocab)
    }

    // probs: probs = counts * counts_sum_inv
    //   used by: logprobs = probs.log()
    @Override
    public Matrix dprobs(ForwardValues v, Upstream d) {
        return notYet();                                                  // dprobs (n, vocab)
    }

    // counts_sum_inv: counts_sum_inv = counts_sum**-1
    //   used by: probs = counts * counts_sum_inv (broadcast over the columns)
    @Override
    public Matrix dcountsSumInv(ForwardValues v, Upstream d) {
        return notYet();                                                  // dcounts_sum_inv (n, 1)
    }

    // counts_sum: counts_sum = counts.sum(1, keepdims=True)
    //   used by: counts_sum_inv = counts_sum**-1
    @Override
    public Matrix dcountsSum(ForwardValues v, Upstream d) {
        return notYet();                                                  // dcounts_sum (n, 1)
    }

    // counts: counts = norm_logits.exp()
    //   used by: probs = counts * counts_sum_inv AND counts_sum = counts.sum(1): used twice
    @Override
    public Matrix dcounts(ForwardValues v, Upstream d) {
        return notYet();                                                  // dcounts (n, vocab)
    }

    // norm_logits: norm_logits = logits - logit_maxes
    //   used by: counts = norm_logits.exp()
    @Override
    public Matrix dnormLogits(ForwardValues v, Upstream d) {
        return notYet();                                                  // dnorm_logits (n, vocab)
    }

    // logit_max: logit_maxes = logits.max(1, keepdim=True).values
    //   used by: norm_logits = logits - logit_maxes (broadcast)
    @Override
    public Matrix dlogitMax(ForwardValues v, Upstream d) {
        return notYet();                                                  // dlogit_max (n, 1)
    }

    // logits: logits = h @ W2 + b2
    //   used by: norm_logits = logits - logit_maxes AND logit_maxes = logits.max(1): used twice
    @Override
    public Matrix dlogits(ForwardValues v, Upstream d) {
        return notYet();                                                  // dlogits (n, vocab)
    }

    // h: h = torch.tanh(hpreact)
    //   used by: logits = h @ W2 + b2
    @Override
    public Matrix dh(ForwardValues v, Upstream d) {
        return notYet();                                                  // dh (n, hidden)
    }

    // W2: a parameter
    //   used by: logits = h @ W2 + b2
    @Override
    public Matrix dW2(ForwardValues v, Upstream d) {
        return notYet();                                                  // dW2 (hidden, vocab)
    }

    // b2: a parameter
    //   used by: logits = h @ W2 + b2 (broadcast over the rows)
    @Override
    public Matrix db2(ForwardValues v, Upstream d) {
        return notYet();                                                  // db2 (1, vocab)
    }

    // hpreact: hpreact = bngain * bnraw + bnbias
    //   used by: h = torch.tanh(hpreact)
    @Override
    public Matrix dhpreact(ForwardValues v, Upstream d) {
        return notYet();                                                  // dhpreact (n, hidden)
    }

    // bngain: a parameter
    //   used by: hpreact = bngain * bnraw + bnbias
    @Override
    public Matrix dbngain(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbngain (1, hidden)
    }

    // bnraw: bnraw = bndiff * bnvar_inv
    //   used by: hpreact = bngain * bnraw + bnbias
    @Override
    public Matrix dbnraw(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbnraw (n, hidden)
    }

    // bnbias: a parameter
    //   used by: hpreact = bngain * bnraw + bnbias
    @Override
    public Matrix dbnbias(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbnbias (1, hidden)
    }

    // bnvar_inv: bnvar_inv = (bnvar + 1e-5)**-0.5
    //   used by: bnraw = bndiff * bnvar_inv (broadcast over the rows)
    @Override
    public Matrix dbnvarInv(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbnvar_inv (1, hidden)
    }

    // bnvar: bnvar = 1/(n-1) * bndiff2.sum(0, keepdim=True)
    //   used by: bnvar_inv = (bnvar + 1e-5)**-0.5
    @Override
    public Matrix dbnvar(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbnvar (1, hidden)
    }

    // bndiff2: bndiff2 = bndiff**2
    //   used by: bnvar = 1/(n-1) * bndiff2.sum(0, keepdim=True)
    @Override
    public Matrix dbndiff2(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbndiff2 (n, hidden)
    }

    // bndiff: bndiff = hprebn - bnmeani
    //   used by: bndiff2 = bndiff**2 AND bnraw = bndiff * bnvar_inv: used twice
    @Override
    public Matrix dbndiff(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbndiff (n, hidden)
    }

    // bnmeani: bnmeani = 1/n * hprebn.sum(0, keepdim=True)
    //   used by: bndiff = hprebn - bnmeani (broadcast)
    @Override
    public Matrix dbnmeani(ForwardValues v, Upstream d) {
        return notYet();                                                  // dbnmeani (1, hidden)
    }

    // hprebn: hprebn = embcat @ W1 + b1
    //   used by: bndiff = hprebn - bnmeani AND bnmeani = 1/n * hprebn.sum(0): used twice
    @Override
    public Matrix dhprebn(ForwardValues v, Upstream d) {
        return notYet();                                                  // dhprebn (n, hidden)
    }

    // embcat: embcat = emb.view(emb.shape[0], -1)
    //   used by: hprebn = embcat @ W1 + b1
    @Override
    public Matrix dembcat(ForwardValues v, Upstream d) {
        return notYet();                                                  // dembcat (n, block*embd)
    }

    // W1: a parameter
    //   used by: hprebn = embcat @ W1 + b1
    @Override
    public Matrix dW1(ForwardValues v, Upstream d) {
        return notYet();                                                  // dW1 (block*embd, hidden)
    }

    // b1: a parameter
    //   used by: hprebn = embcat @ W1 + b1 (broadcast over the rows)
    @Override
    public Matrix db1(ForwardValues v, Upstream d) {
        return notYet();                                                  // db1 (1, hidden)
    }

    // emb: emb = C[Xb]  (here (n*block, embd): row k*block + j is C[Xb[k, j]])
    //   used by: embcat = emb.view(n, -1)
    @Override
    public Matrix demb(ForwardValues v, Upstream d) {
        return notYet();                                                  // demb (n*block, embd)
    }

    // C: a parameter
    //   used by: emb = C[Xb]
    @Override
    public Matrix dC(ForwardValues v, Upstream d) {
        return notYet();                                                  // dC (vocab, embd)
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
