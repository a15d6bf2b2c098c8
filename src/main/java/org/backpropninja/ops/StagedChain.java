package org.backpropninja.ops;

import java.util.List;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;

/**
 * The notebook's Exercise 1: the forward pass of the MLP broken into atomic steps (cell 49), and a
 * backward that walks them in reverse one step at a time (cell 47), each step through its own
 * class's hand-written backward.
 *
 * <pre>
 *   Xb: (n, block) indices, Yb: n targets, n >= 2 (batch statistics need two examples)
 *   emb (n*block, embd) -> embcat (n, block*embd) -> hprebn (n, hidden) -> batchnorm
 *   -> hpreact (n, hidden) -> h (n, hidden) -> logits (n, vocab) -> softmax steps
 *   -> logprobs (n, vocab) -> loss (1, 1)
 * </pre>
 *
 * Four values are used twice -- counts, logits, bndiff, hprebn -- and their gradients are the
 * sums of two contributions, each summed on one visible line as in the notebook.
 *
 * Derivation: docs/derivations.md, section `StagedChain`.
 */
public final class StagedChain {

    /** The batchnorm epsilon of the notebook's {@code (bnvar + 1e-5) ** -0.5}. */
    public static final double BN_EPS = 1e-5;

    /**
     * The 26 tensors whose gradients the notebook compares, in the order it compares them
     * (cell 47): intermediates and parameters interleaved.
     */
    public static final List<String> CMP_ORDER = List.of("logprobs", "probs", "counts_sum_inv",
            "counts_sum", "counts", "norm_logits", "logit_max", "logits", "h", "W2", "b2", "hpreact",
            "bngain", "bnraw", "bnbias", "bnvar_inv", "bnvar", "bndiff2", "bndiff", "bnmeani",
            "hprebn", "embcat", "W1", "b1", "emb", "C");

    private StagedChain() {
    }

    /**
     * Every step of the forward, by the notebook's name of its output. Steps the notebook writes
     * inside one line get a descriptive name: {@code embcatW1} (embcat @ W1), {@code hprebnSum},
     * {@code bndiff2Sum}, {@code bngainBnraw} (bngain * bnraw), {@code hW2} (h @ W2),
     * {@code picked} (logprobs[range(n), Yb]) and {@code pickedMean}. {@code loss} is the final
     * negation, a (1, 1) matrix; {@link #lossValue()} is its number.
     */
    public record Forward(Params params, IntMatrix Xb, int[] Yb,
                          Embedding.Forward emb, View.Forward embcat,
                          MatMul.Forward embcatW1, BroadcastAdd.Forward hprebn,
                          SumAxis.Forward hprebnSum, Scale.Forward bnmeani,
                          BroadcastSub.Forward bndiff, Pow.Forward bndiff2,
                          SumAxis.Forward bndiff2Sum, Scale.Forward bnvar,
                          Pow.Forward bnvarInv, BroadcastMul.Forward bnraw,
                          BroadcastMul.Forward bngainBnraw, BroadcastAdd.Forward hpreact,
                          Tanh.Forward h,
                          MatMul.Forward hW2, BroadcastAdd.Forward logits,
                          RowMax.Forward logitMax, BroadcastSub.Forward normLogits,
                          Exp.Forward counts, SumAxis.Forward countsSum, Pow.Forward countsSumInv,
                          BroadcastMul.Forward probs, Log.Forward logprobs,
                          Pick.Forward picked, Mean.Forward pickedMean, Negate.Forward loss) {

        public Forward {
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

        /** The loss as a number. */
        public double lossValue() {
            return loss.out().get(0, 0);
        }

        /** The value of an intermediate or parameter by its notebook name (see {@link #CMP_ORDER}). */
        public Matrix value(String name) {
            return switch (name) {
                case "C" -> params.C();
                case "W1" -> params.W1();
                case "b1" -> params.b1();
                case "W2" -> params.W2();
                case "b2" -> params.b2();
                case "bngain" -> params.bngain();
                case "bnbias" -> params.bnbias();
                case "emb" -> emb.out();
                case "embcat" -> embcat.out();
                case "hprebn" -> hprebn.out();
                case "bnmeani" -> bnmeani.out();
                case "bndiff" -> bndiff.out();
                case "bndiff2" -> bndiff2.out();
                case "bnvar" -> bnvar.out();
                case "bnvar_inv" -> bnvarInv.out();
                case "bnraw" -> bnraw.out();
                case "hpreact" -> hpreact.out();
                case "h" -> h.out();
                case "logits" -> logits.out();
                case "logit_max" -> logitMax.out();
                case "norm_logits" -> normLogits.out();
                case "counts" -> counts.out();
                case "counts_sum" -> countsSum.out();
                case "counts_sum_inv" -> countsSumInv.out();
                case "probs" -> probs.out();
                case "logprobs" -> logprobs.out();
                default -> throw new IllegalArgumentException("no intermediate or parameter named " + name);
            };
        }

        /**
         * The loss recomputed with the named intermediate or parameter replaced by {@code value}:
         * the rest of the staged forward from that point downstream, with everything upstream held
         * at this forward's values. Where the named value is used twice (counts, logits, bndiff,
         * hprebn), both uses see the replacement. {@code lossFrom(name, value(name))} is this
         * forward's loss, bit for bit.
         */
        public double lossFrom(String name, Matrix value) {
            Params p = params;
            return switch (name) {
                case "logprobs" -> fromLogprobs(value);
                case "probs" -> fromProbs(value);
                case "counts_sum_inv" -> fromCountsSumInv(value);
                case "counts_sum" -> fromCountsSum(value);
                case "counts" -> fromCounts(value);
                case "norm_logits" -> fromNormLogits(value);
                case "logit_max" -> fromLogitMax(value);
                case "logits" -> fromLogits(value);
                case "h" -> fromOutputLayer(value, p.W2(), p.b2());
                case "W2" -> fromOutputLayer(h.out(), value, p.b2());
                case "b2" -> fromOutputLayer(h.out(), p.W2(), value);
                case "hpreact" -> fromHpreact(value);
                case "bngain" -> fromAffine(value, bnraw.out(), p.bnbias());
                case "bnraw" -> fromAffine(p.bngain(), value, p.bnbias());
                case "bnbias" -> fromAffine(p.bngain(), bnraw.out(), value);
                case "bnvar_inv" -> fromBnvarInv(value);
                case "bnvar" -> fromBnvar(value);
                case "bndiff2" -> fromBndiff2(value);
                case "bndiff" -> fromBndiff(value);
                case "bnmeani" -> fromBnmeani(value);
                case "hprebn" -> fromHprebn(value);
                case "embcat" -> fromFirstLayer(value, p.W1(), p.b1());
                case "W1" -> fromFirstLayer(embcat.out(), value, p.b1());
                case "b1" -> fromFirstLayer(embcat.out(), p.W1(), value);
                case "emb" -> fromEmb(value);
                case "C" -> fromEmb(Embedding.forward(value, Xb).out());
                default -> throw new IllegalArgumentException("no intermediate or parameter named " + name);
            };
        }

        // The downstream remainders of the forward, innermost first. Each composes the same step
        // calls as StagedChain.forward, so a replaced value flows exactly where the original did.

        private double fromLogprobs(Matrix logprobs) {
            Matrix pickedOut = Pick.forward(logprobs, Yb).out();
            return Negate.forward(Mean.forward(pickedOut).out()).out().get(0, 0);
        }

        private double fromProbs(Matrix probs) {
            return fromLogprobs(Log.forward(probs).out());
        }

        private double fromCountsSumInv(Matrix countsSumInv) {
            return fromProbs(BroadcastMul.forward(counts.out(), countsSumInv).out());
        }

        private double fromCountsSum(Matrix countsSum) {
            return fromCountsSumInv(Pow.forward(countsSum, -1.0).out());
        }

        /** counts is used twice: it feeds counts_sum and probs, and both see the new value. */
        private double fromCounts(Matrix counts) {
            Matrix countsSumInv = Pow.forward(SumAxis.forward(counts, 1).out(), -1.0).out();
            return fromProbs(BroadcastMul.forward(counts, countsSumInv).out());
        }

        private double fromNormLogits(Matrix normLogits) {
            return fromCounts(Exp.forward(normLogits).out());
        }

        private double fromLogitMax(Matrix logitMax) {
            return fromNormLogits(BroadcastSub.forward(logits.out(), logitMax).out());
        }

        /** logits is used twice: it feeds logit_max and norm_logits, and both see the new value. */
        private double fromLogits(Matrix logits) {
            Matrix logitMax = RowMax.forward(logits).out();
            return fromNormLogits(BroadcastSub.forward(logits, logitMax).out());
        }

        private double fromOutputLayer(Matrix h, Matrix W2, Matrix b2) {
            return fromLogits(BroadcastAdd.forward(MatMul.forward(h, W2).out(), b2).out());
        }

        private double fromHpreact(Matrix hpreact) {
            return fromOutputLayer(Tanh.forward(hpreact).out(), params.W2(), params.b2());
        }

        private double fromAffine(Matrix bngain, Matrix bnraw, Matrix bnbias) {
            return fromHpreact(BroadcastAdd.forward(BroadcastMul.forward(bngain, bnraw).out(), bnbias).out());
        }

        private double fromBnvarInv(Matrix bnvarInv) {
            Matrix bnrawOut = BroadcastMul.forward(bndiff.out(), bnvarInv).out();
            return fromAffine(params.bngain(), bnrawOut, params.bnbias());
        }

        private double fromBnvar(Matrix bnvar) {
            return fromBnvarInv(Pow.forward(bnvar, BN_EPS, -0.5).out());
        }

        private double fromBndiff2(Matrix bndiff2) {
            return fromBnvar(Scale.forward(SumAxis.forward(bndiff2, 0).out(), 1.0 / (n() - 1)).out());
        }

        /** bndiff is used twice: it feeds bndiff2 and bnraw, and both see the new value. */
        private double fromBndiff(Matrix bndiff) {
            Matrix bndiff2Out = Pow.forward(bndiff, 2.0).out();
            Matrix bnvarOut = Scale.forward(SumAxis.forward(bndiff2Out, 0).out(), 1.0 / (n() - 1)).out();
            Matrix bnvarInvOut = Pow.forward(bnvarOut, BN_EPS, -0.5).out();
            Matrix bnrawOut = BroadcastMul.forward(bndiff, bnvarInvOut).out();
            return fromAffine(params.bngain(), bnrawOut, params.bnbias());
        }

        private double fromBnmeani(Matrix bnmeani) {
            return fromBndiff(BroadcastSub.forward(hprebn.out(), bnmeani).out());
        }

        /** hprebn is used twice: it feeds bnmeani and bndiff, and both see the new value. */
        private double fromHprebn(Matrix hprebn) {
            Matrix bnmeaniOut = Scale.forward(SumAxis.forward(hprebn, 0).out(), 1.0 / n()).out();
            return fromBndiff(BroadcastSub.forward(hprebn, bnmeaniOut).out());
        }

        private double fromFirstLayer(Matrix embcat, Matrix W1, Matrix b1) {
            return fromHprebn(BroadcastAdd.forward(MatMul.forward(embcat, W1).out(), b1).out());
        }

        private double fromEmb(Matrix emb) {
            Matrix embcatOut = View.forward(emb, n(), emb.size() / n()).out();
            return fromFirstLayer(embcatOut, params.W1(), params.b1());
        }
    }

    /**
     * The gradient of the loss with respect to each of the 26 tensors the notebook compares, named
     * d + its notebook name, in the notebook's comparison order; same shapes as the tensors.
     */
    public record Grads(Matrix dlogprobs, Matrix dprobs, Matrix dcountsSumInv, Matrix dcountsSum,
                        Matrix dcounts, Matrix dnormLogits, Matrix dlogitMax, Matrix dlogits, Matrix dh,
                        Matrix dW2, Matrix db2, Matrix dhpreact, Matrix dbngain, Matrix dbnraw,
                        Matrix dbnbias, Matrix dbnvarInv, Matrix dbnvar, Matrix dbndiff2, Matrix dbndiff,
                        Matrix dbnmeani, Matrix dhprebn, Matrix dembcat, Matrix dW1, Matrix db1,
                        Matrix demb, Matrix dC) {

        /** The gradients of the seven parameters, in the notebook's parameter order. */
        public Params params() {
            return new Params(dC, dW1, db1, dW2, db2, dbngain, dbnbias);
        }

        /** The gradient of the tensor with the given notebook name (see {@link #CMP_ORDER}). */
        public Matrix get(String name) {
            return switch (name) {
                case "logprobs" -> dlogprobs;
                case "probs" -> dprobs;
                case "counts_sum_inv" -> dcountsSumInv;
                case "counts_sum" -> dcountsSum;
                case "counts" -> dcounts;
                case "norm_logits" -> dnormLogits;
                case "logit_max" -> dlogitMax;
                case "logits" -> dlogits;
                case "h" -> dh;
                case "W2" -> dW2;
                case "b2" -> db2;
                case "hpreact" -> dhpreact;
                case "bngain" -> dbngain;
                case "bnraw" -> dbnraw;
                case "bnbias" -> dbnbias;
                case "bnvar_inv" -> dbnvarInv;
                case "bnvar" -> dbnvar;
                case "bndiff2" -> dbndiff2;
                case "bndiff" -> dbndiff;
                case "bnmeani" -> dbnmeani;
                case "hprebn" -> dhprebn;
                case "embcat" -> dembcat;
                case "W1" -> dW1;
                case "b1" -> db1;
                case "emb" -> demb;
                case "C" -> dC;
                default -> throw new IllegalArgumentException("no gradient named d" + name);
            };
        }
    }

    /**
     * The staged forward of the notebook's cell 49, one atomic step per line.
     *
     * @param p  the seven parameters; b1, b2, bngain, bnbias are (1, k) rows
     * @param Xb (n, block) context indices, n >= 2
     * @param Yb n target indices
     */
    public static Forward forward(Params p, IntMatrix Xb, int[] Yb) {
        int n = Xb.rows();
        if (n < 2) {
            throw new IllegalArgumentException("StagedChain: batch statistics need n >= 2 examples, got " + n);
        }
        if (Yb.length != n) {
            throw new IllegalArgumentException("StagedChain: Xb has " + n + " rows but Yb has "
                    + Yb.length + " targets");
        }
        Embedding.Forward emb = Embedding.forward(p.C(), Xb);                   // emb = C[Xb]
        View.Forward embcat = View.forward(emb.out(), n, emb.out().size() / n);  // emb.view(n, -1)
        // Linear layer 1
        MatMul.Forward embcatW1 = MatMul.forward(embcat.out(), p.W1());          // embcat @ W1
        BroadcastAdd.Forward hprebn = BroadcastAdd.forward(embcatW1.out(), p.b1()); // ... + b1
        // BatchNorm layer
        SumAxis.Forward hprebnSum = SumAxis.forward(hprebn.out(), 0);            // hprebn.sum(0)
        Scale.Forward bnmeani = Scale.forward(hprebnSum.out(), 1.0 / n);         // 1/n * ...
        BroadcastSub.Forward bndiff = BroadcastSub.forward(hprebn.out(), bnmeani.out()); // hprebn - bnmeani
        Pow.Forward bndiff2 = Pow.forward(bndiff.out(), 2.0);                    // bndiff ** 2
        SumAxis.Forward bndiff2Sum = SumAxis.forward(bndiff2.out(), 0);          // bndiff2.sum(0)
        Scale.Forward bnvar = Scale.forward(bndiff2Sum.out(), 1.0 / (n - 1));    // 1/(n-1) * ...
        Pow.Forward bnvarInv = Pow.forward(bnvar.out(), BN_EPS, -0.5);           // (bnvar + 1e-5) ** -0.5
        BroadcastMul.Forward bnraw = BroadcastMul.forward(bndiff.out(), bnvarInv.out()); // bndiff * bnvar_inv
        BroadcastMul.Forward bngainBnraw = BroadcastMul.forward(p.bngain(), bnraw.out()); // bngain * bnraw
        BroadcastAdd.Forward hpreact = BroadcastAdd.forward(bngainBnraw.out(), p.bnbias()); // ... + bnbias
        // non-linear layer
        Tanh.Forward h = Tanh.forward(hpreact.out());                            // tanh(hpreact)
        // Linear layer 2
        MatMul.Forward hW2 = MatMul.forward(h.out(), p.W2());                    // h @ W2
        BroadcastAdd.Forward logits = BroadcastAdd.forward(hW2.out(), p.b2());   // ... + b2
        // cross-entropy loss
        RowMax.Forward logitMax = RowMax.forward(logits.out());                  // logits.max(1).values
        BroadcastSub.Forward normLogits = BroadcastSub.forward(logits.out(), logitMax.out()); // logits - logit_max
        Exp.Forward counts = Exp.forward(normLogits.out());                      // norm_logits.exp()
        SumAxis.Forward countsSum = SumAxis.forward(counts.out(), 1);            // counts.sum(1)
        Pow.Forward countsSumInv = Pow.forward(countsSum.out(), -1.0);           // counts_sum ** -1
        BroadcastMul.Forward probs = BroadcastMul.forward(counts.out(), countsSumInv.out()); // counts * counts_sum_inv
        Log.Forward logprobs = Log.forward(probs.out());                         // probs.log()
        Pick.Forward picked = Pick.forward(logprobs.out(), Yb);                  // logprobs[range(n), Yb]
        Mean.Forward pickedMean = Mean.forward(picked.out());                    // .mean()
        Negate.Forward loss = Negate.forward(pickedMean.out());                  // -...
        return new Forward(p, Xb, Yb, emb, embcat, embcatW1, hprebn, hprebnSum, bnmeani, bndiff, bndiff2,
                bndiff2Sum, bnvar, bnvarInv, bnraw, bngainBnraw, hpreact, h, hW2, logits, logitMax,
                normLogits, counts, countsSum, countsSumInv, probs, logprobs, picked, pickedMean, loss);
    }

    /**
     * The manual backward of the notebook's cell 47, line by line, each line the backward of the
     * step that produced the value (the notebook's line in the comment). dloss = 1.
     */
    public static Grads backward(Forward f) {
        Matrix dloss = Matrix.ones(1, 1);
        Matrix dpickedMean = Negate.backward(f.loss(), dloss);
        Matrix dpicked = Mean.backward(f.pickedMean(), dpickedMean);
        // dlogprobs = zeros; dlogprobs[range(n), Yb] = -1.0/n
        Matrix dlogprobs = Pick.backward(f.picked(), dpicked);
        // dprobs = (1.0 / probs) * dlogprobs
        Matrix dprobs = Log.backward(f.logprobs(), dlogprobs);
        BroadcastMul.Grads probsGrads = BroadcastMul.backward(f.probs(), dprobs);
        // dcounts_sum_inv = (counts * dprobs).sum(1, keepdim=True)
        Matrix dcountsSumInv = probsGrads.db();
        // dcounts_sum = -1 / counts_sum**2 * dcounts_sum_inv
        Matrix dcountsSum = Pow.backward(f.countsSumInv(), dcountsSumInv);
        // counts is used twice (probs and counts_sum):
        // dcounts = counts_sum_inv * dprobs + torch.ones_like(counts) * dcounts_sum
        Matrix dcounts = probsGrads.da().add(SumAxis.backward(f.countsSum(), dcountsSum));
        // dnorm_logits = counts * dcounts
        Matrix dnormLogits = Exp.backward(f.counts(), dcounts);
        BroadcastSub.Grads normLogitsGrads = BroadcastSub.backward(f.normLogits(), dnormLogits);
        // dlogit_max = (-dnorm_logits).sum(1, keepdim=True)
        Matrix dlogitMax = normLogitsGrads.db();
        // logits is used twice (norm_logits and logit_max):
        // dlogits = dnorm_logits + F.one_hot(logits.max(1).indices, num_classes) * dlogit_max
        Matrix dlogits = normLogitsGrads.da().add(RowMax.backward(f.logitMax(), dlogitMax));
        BroadcastAdd.Grads logitsGrads = BroadcastAdd.backward(f.logits(), dlogits);
        MatMul.Grads hW2Grads = MatMul.backward(f.hW2(), logitsGrads.da());
        // dh = dlogits @ W2.T
        Matrix dh = hW2Grads.da();
        // dW2 = h.T @ dlogits
        Matrix dW2 = hW2Grads.db();
        // db2 = dlogits.sum(0)
        Matrix db2 = logitsGrads.db();
        // dhpreact = (1.0 - h**2) * dh
        Matrix dhpreact = Tanh.backward(f.h(), dh);
        BroadcastAdd.Grads hpreactGrads = BroadcastAdd.backward(f.hpreact(), dhpreact);
        BroadcastMul.Grads bngainBnrawGrads = BroadcastMul.backward(f.bngainBnraw(), hpreactGrads.da());
        // dbngain = (bnraw * dhpreact).sum(0, keepdim=True)
        Matrix dbngain = bngainBnrawGrads.da();
        // dbnraw = bngain * dhpreact
        Matrix dbnraw = bngainBnrawGrads.db();
        // dbnbias = dhpreact.sum(0, keepdim=True)
        Matrix dbnbias = hpreactGrads.db();
        BroadcastMul.Grads bnrawGrads = BroadcastMul.backward(f.bnraw(), dbnraw);
        // dbnvar_inv = (bndiff * dbnraw).sum(0, keepdim=True)
        Matrix dbnvarInv = bnrawGrads.db();
        // dbnvar = (-0.5 * (bnvar + 1e-5)**-1.5) * dbnvar_inv
        Matrix dbnvar = Pow.backward(f.bnvarInv(), dbnvarInv);
        // dbndiff2 = (1.0/(n-1)) * torch.ones_like(bndiff2) * dbnvar
        Matrix dbndiff2 = SumAxis.backward(f.bndiff2Sum(), Scale.backward(f.bnvar(), dbnvar));
        // bndiff is used twice (bnraw and bndiff2):
        // dbndiff = bnvar_inv * dbnraw + 2 * bndiff * dbndiff2
        Matrix dbndiff = bnrawGrads.da().add(Pow.backward(f.bndiff2(), dbndiff2));
        BroadcastSub.Grads bndiffGrads = BroadcastSub.backward(f.bndiff(), dbndiff);
        // dbnmeani = (-dbndiff).sum(0)
        Matrix dbnmeani = bndiffGrads.db();
        // hprebn is used twice (bndiff and bnmeani):
        // dhprebn = dbndiff.clone() + 1.0/n * (torch.ones_like(hprebn) * dbnmeani)
        Matrix dhprebn = bndiffGrads.da().add(SumAxis.backward(f.hprebnSum(), Scale.backward(f.bnmeani(), dbnmeani)));
        BroadcastAdd.Grads hprebnGrads = BroadcastAdd.backward(f.hprebn(), dhprebn);
        MatMul.Grads embcatW1Grads = MatMul.backward(f.embcatW1(), hprebnGrads.da());
        // dembcat = dhprebn @ W1.T
        Matrix dembcat = embcatW1Grads.da();
        // dW1 = embcat.T @ dhprebn
        Matrix dW1 = embcatW1Grads.db();
        // db1 = dhprebn.sum(0)
        Matrix db1 = hprebnGrads.db();
        // demb = dembcat.view(emb.shape)
        Matrix demb = View.backward(f.embcat(), dembcat);
        // dC[Xb[k, j]] += demb[k, j] for every k, j
        Matrix dC = Embedding.backward(f.emb(), demb);
        return new Grads(dlogprobs, dprobs, dcountsSumInv, dcountsSum, dcounts, dnormLogits, dlogitMax,
                dlogits, dh, dW2, db2, dhpreact, dbngain, dbnraw, dbnbias, dbnvarInv, dbnvar, dbndiff2,
                dbndiff, dbnmeani, dhprebn, dembcat, dW1, db1, demb, dC);
    }
}
