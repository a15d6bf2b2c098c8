package org.backpropninja.notebook;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Params;
import org.backpropninja.ops.BroadcastAdd;
import org.backpropninja.ops.BroadcastMul;
import org.backpropninja.ops.BroadcastSub;
import org.backpropninja.ops.Exp;
import org.backpropninja.ops.Gather;
import org.backpropninja.ops.Log;
import org.backpropninja.ops.MatMul;
import org.backpropninja.ops.Mean;
import org.backpropninja.ops.Negate;
import org.backpropninja.ops.Pick;
import org.backpropninja.ops.Pow;
import org.backpropninja.ops.RowMax;
import org.backpropninja.ops.Scale;
import org.backpropninja.ops.SumAxis;
import org.backpropninja.ops.Tanh;
import org.backpropninja.ops.View;

/**
 * The notebook's Exercise 1: the forward pass of the MLP broken into atomic steps (its staged forward cell), and a
 * backward that walks them in reverse one step at a time (its manual backward cell), each step through its own
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
    public static final double BN_EPS = BatchNorm.EPS;

    /**
     * The 26 tensors whose gradients the notebook compares, in the order it compares them
     * (its manual backward cell): intermediates and parameters interleaved. The table is {@link Tensor}.
     */
    public static final List<Tensor> CMP_ORDER = List.of(Tensor.values());

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
                          Gather.Forward emb, View.Forward embcat,
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

        /** The value of an intermediate or parameter of the table. */
        public Matrix value(Tensor t) {
            return t.valueIn(this);
        }

        /**
         * The loss recomputed with the named intermediate or parameter replaced by {@code value}:
         * the same staged forward, reading {@code value} wherever it reads that tensor (so where the
         * tensor is used twice -- counts, logits, bndiff, hprebn -- both uses see the replacement),
         * run from the first stretch that reads it; the stretches above are this forward's.
         * {@code lossFrom(name, value(name))} is this forward's loss, bit for bit.
         *
         * <p>The third stretch works row by row, so for its intermediates ({@link Tensor#rowLocal}) only
         * the rows of {@code value} that differ from this forward's run through it; the other rows'
         * picked values are this forward's, which is what recomputing them would give, bit for bit.
         * The finite differences of the gradient table perturb one element at a time, so this is
         * what keeps the table fast.
         */
        public double lossFrom(Tensor t, Matrix value) {
            value(t).requireSameShape("lossFrom(" + t.notebookName() + ")", value);
            if (!t.rowLocal()) {
                return lossFromAllRows(t, value);
            }
            int[] rows = changedRows(value(t), value);
            if (rows.length == 0) {
                return lossValue();
            }
            RowWise changed = rowWise(params, bnraw.out().gatherRows(rows), targets(rows),
                    Map.of(t, value.gatherRows(rows)));
            double[] column = picked.out().toArray();                      // this forward's (n, 1)
            for (int k = 0; k < rows.length; k++) {
                column[rows[k]] = changed.picked().out().get(k, 0);
            }
            return Negate.forward(Mean.forward(Matrix.column(column)).out()).out().get(0, 0);
        }

        /** As {@link #lossFrom}, but running every row through the forward: for tests. */
        double lossFromRecomputingAllRows(Tensor t, Matrix value) {
            value(t).requireSameShape("lossFrom(" + t.notebookName() + ")", value);
            return lossFromAllRows(t, value);
        }

        private double lossFromAllRows(Tensor t, Matrix value) {
            Map<Tensor, Matrix> given = Map.of(t, value);
            Tensor.Stretch from = t.readBy();
            Matrix hprebnOut = from == Tensor.Stretch.LAYER1 ? layer1(params, Xb, given).hprebn().out()
                    : hprebn.out();
            Matrix bnrawOut = from != Tensor.Stretch.ROW_WISE ? normalise(hprebnOut, given).bnraw().out()
                    : bnraw.out();
            return rowWise(params, bnrawOut, Yb, given).loss().out().get(0, 0);
        }

        /** The targets of the given rows. */
        private int[] targets(int[] rows) {
            return Arrays.stream(rows).map(r -> Yb[r]).toArray();
        }

        /** The rows in which a and b (same shape) differ. */
        private static int[] changedRows(Matrix a, Matrix b) {
            return IntStream.range(0, a.rows())
                    .filter(r -> !Arrays.equals(a.rowArray(r), b.rowArray(r))).toArray();
        }
    }

    /**
     * The gradient of the loss with respect to each of the 26 tensors the notebook compares, by
     * tensor; same shapes as the tensors.
     */
    public static final class Grads {

        private final Map<Tensor, Matrix> byTensor;

        /** From a gradient for every tensor of the table. */
        public Grads(Map<Tensor, Matrix> byTensor) {
            for (Tensor t : Tensor.values()) {
                if (byTensor.get(t) == null) {
                    throw new IllegalArgumentException("Grads: no gradient for " + t.notebookName());
                }
            }
            this.byTensor = new EnumMap<>(byTensor);
        }

        /** The gradients of the seven parameters, in the notebook's parameter order. */
        public Params params() {
            return Params.build(p -> get(Tensor.of(p)));
        }

        /** The gradient of the tensor. */
        public Matrix get(Tensor t) {
            return byTensor.get(t);
        }
    }

    /**
     * The notebook's staged forward cell, one atomic step per line.
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
        Layer1 a = layer1(p, Xb, Map.of());
        Normalise b = normalise(a.hprebn().out(), Map.of());
        RowWise c = rowWise(p, b.bnraw().out(), Yb, Map.of());
        return assemble(p, Xb, Yb, a, b, c);
    }

    /**
     * {@code f} with one stretch of the forward run again, reading {@code given} for the tensors it
     * names wherever that stretch's lines read them; the other stretches are f's. With every tensor of
     * the table given but one, x, read by that stretch ({@link Tensor#readBy}), each line that uses x
     * computes from x and given values alone: its value is that line's forward as a function of x, the
     * function whose vector-Jacobian product is x's gradient line (the workbook's judge differentiates
     * it with random upstream gradients, docs/workbook.md).
     */
    static Forward rerunStretch(Forward f, Tensor.Stretch stretch, Map<Tensor, Matrix> given) {
        Params p = f.params();
        Layer1 a = stretch == Tensor.Stretch.LAYER1 ? layer1(p, f.Xb(), given)
                : new Layer1(f.emb(), f.embcat(), f.embcatW1(), f.hprebn());
        Normalise b = stretch == Tensor.Stretch.NORMALISE ? normalise(f.hprebn().out(), given)
                : new Normalise(f.hprebnSum(), f.bnmeani(), f.bndiff(), f.bndiff2(), f.bndiff2Sum(), f.bnvar(),
                f.bnvarInv(), f.bnraw());
        RowWise c = stretch == Tensor.Stretch.ROW_WISE ? rowWise(p, f.bnraw().out(), f.Yb(), given)
                : new RowWise(f.bngainBnraw(), f.hpreact(), f.h(), f.hW2(), f.logits(), f.logitMax(), f.normLogits(),
                f.counts(), f.countsSum(), f.countsSumInv(), f.probs(), f.logprobs(), f.picked(), f.pickedMean(),
                f.loss());
        return assemble(p, f.Xb(), f.Yb(), a, b, c);
    }

    private static Forward assemble(Params p, IntMatrix Xb, int[] Yb, Layer1 a, Normalise b, RowWise c) {
        return new Forward(p, Xb, Yb, a.emb(), a.embcat(), a.embcatW1(), a.hprebn(), b.hprebnSum(), b.bnmeani(),
                b.bndiff(), b.bndiff2(), b.bndiff2Sum(), b.bnvar(), b.bnvarInv(), b.bnraw(), c.bngainBnraw(),
                c.hpreact(), c.h(), c.hW2(), c.logits(), c.logitMax(), c.normLogits(), c.counts(), c.countsSum(),
                c.countsSumInv(), c.probs(), c.logprobs(), c.picked(), c.pickedMean(), c.loss());
    }

    // The forward in three stretches, one step per line. Each reads given.get(name) instead of the
    // tensor it computed or was handed wherever given names it (see read): nothing is given in the
    // notebook's forward, one tensor in lossFrom's.

    private record Layer1(Gather.Forward emb, View.Forward embcat, MatMul.Forward embcatW1,
                          BroadcastAdd.Forward hprebn) {
    }

    /** The embedding and linear layer 1: Xb (n, block) -> hprebn (n, hidden). */
    private static Layer1 layer1(Params p, IntMatrix Xb, Map<Tensor, Matrix> given) {
        int n = Xb.rows();
        Gather.Forward emb = Gather.forward(read(given, Tensor.C, p.C()), Xb);      // emb = C[Xb]
        Matrix embOut = read(given, Tensor.EMB, emb.out());
        View.Forward embcat = View.forward(embOut, n, embOut.size() / n);       // emb.view(n, -1)
        // Linear layer 1
        MatMul.Forward embcatW1 = MatMul.forward(read(given, Tensor.EMBCAT, embcat.out()),
                read(given, Tensor.W1, p.W1()));                                    // embcat @ W1
        BroadcastAdd.Forward hprebn = BroadcastAdd.forward(embcatW1.out(), read(given, Tensor.B1, p.b1())); // + b1
        return new Layer1(emb, embcat, embcatW1, hprebn);
    }

    private record Normalise(SumAxis.Forward hprebnSum, Scale.Forward bnmeani, BroadcastSub.Forward bndiff,
                             Pow.Forward bndiff2, SumAxis.Forward bndiff2Sum, Scale.Forward bnvar,
                             Pow.Forward bnvarInv, BroadcastMul.Forward bnraw) {
    }

    /** The batchnorm layer up to bnraw, where the rows meet in the batch statistics: hprebn -> bnraw (n, hidden). */
    private static Normalise normalise(Matrix hprebnIn, Map<Tensor, Matrix> given) {
        Matrix hprebn = read(given, Tensor.HPREBN, hprebnIn);
        int n = hprebn.rows();
        // BatchNorm layer
        SumAxis.Forward hprebnSum = SumAxis.forward(hprebn, 0);                 // hprebn.sum(0)
        Scale.Forward bnmeani = Scale.forward(hprebnSum.out(), 1.0 / n);         // 1/n * ...
        BroadcastSub.Forward bndiff = BroadcastSub.forward(hprebn,
                read(given, Tensor.BNMEANI, bnmeani.out()));                        // hprebn - bnmeani
        Pow.Forward bndiff2 = Pow.forward(read(given, Tensor.BNDIFF, bndiff.out()), 2.0); // bndiff ** 2
        SumAxis.Forward bndiff2Sum = SumAxis.forward(read(given, Tensor.BNDIFF2, bndiff2.out()), 0); // bndiff2.sum(0)
        Scale.Forward bnvar = Scale.forward(bndiff2Sum.out(), 1.0 / (n - 1));    // 1/(n-1) * ...
        Pow.Forward bnvarInv = Pow.forward(read(given, Tensor.BNVAR, bnvar.out()), BN_EPS,
                -0.5);                                                              // (bnvar + 1e-5) ** -0.5
        BroadcastMul.Forward bnraw = BroadcastMul.forward(read(given, Tensor.BNDIFF, bndiff.out()),
                read(given, Tensor.BNVAR_INV, bnvarInv.out()));                      // bndiff * bnvar_inv
        return new Normalise(hprebnSum, bnmeani, bndiff, bndiff2, bndiff2Sum, bnvar, bnvarInv, bnraw);
    }

    private record RowWise(BroadcastMul.Forward bngainBnraw, BroadcastAdd.Forward hpreact, Tanh.Forward h,
                           MatMul.Forward hW2, BroadcastAdd.Forward logits, RowMax.Forward logitMax,
                           BroadcastSub.Forward normLogits, Exp.Forward counts, SumAxis.Forward countsSum,
                           Pow.Forward countsSumInv, BroadcastMul.Forward probs, Log.Forward logprobs,
                           Pick.Forward picked, Mean.Forward pickedMean, Negate.Forward loss) {
    }

    /**
     * From bnraw to the loss, every step but the final mean row by row, so it runs on any subset
     * of the batch's rows (with their targets): bnraw (k, hidden) -> loss (1, 1).
     */
    private static RowWise rowWise(Params p, Matrix bnraw, int[] Yb, Map<Tensor, Matrix> given) {
        BroadcastMul.Forward bngainBnraw = BroadcastMul.forward(read(given, Tensor.BNGAIN, p.bngain()),
                read(given, Tensor.BNRAW, bnraw));                                   // bngain * bnraw
        BroadcastAdd.Forward hpreact = BroadcastAdd.forward(bngainBnraw.out(), read(given, Tensor.BNBIAS, p.bnbias()));
        // non-linear layer
        Tanh.Forward h = Tanh.forward(read(given, Tensor.HPREACT, hpreact.out()));    // tanh(hpreact)
        // Linear layer 2
        MatMul.Forward hW2 = MatMul.forward(read(given, Tensor.H, h.out()), read(given, Tensor.W2, p.W2())); // h @ W2
        BroadcastAdd.Forward logits = BroadcastAdd.forward(hW2.out(), read(given, Tensor.B2, p.b2())); // + b2
        // cross-entropy loss
        Matrix logitsOut = read(given, Tensor.LOGITS, logits.out());
        RowMax.Forward logitMax = RowMax.forward(logitsOut);                     // logits.max(1).values
        BroadcastSub.Forward normLogits = BroadcastSub.forward(logitsOut,
                read(given, Tensor.LOGIT_MAX, logitMax.out()));                     // logits - logit_max
        Exp.Forward counts = Exp.forward(read(given, Tensor.NORM_LOGITS, normLogits.out())); // norm_logits.exp()
        Matrix countsOut = read(given, Tensor.COUNTS, counts.out());
        SumAxis.Forward countsSum = SumAxis.forward(countsOut, 1);               // counts.sum(1)
        Pow.Forward countsSumInv = Pow.forward(read(given, Tensor.COUNTS_SUM, countsSum.out()),
                -1.0);                                                              // counts_sum ** -1
        BroadcastMul.Forward probs = BroadcastMul.forward(countsOut,
                read(given, Tensor.COUNTS_SUM_INV, countsSumInv.out()));             // counts * counts_sum_inv
        Log.Forward logprobs = Log.forward(read(given, Tensor.PROBS, probs.out()));   // probs.log()
        Pick.Forward picked = Pick.forward(read(given, Tensor.LOGPROBS, logprobs.out()), Yb); // logprobs[range(n), Yb]
        Mean.Forward pickedMean = Mean.forward(picked.out());                    // .mean()
        Negate.Forward loss = Negate.forward(pickedMean.out());                  // -...
        return new RowWise(bngainBnraw, hpreact, h, hW2, logits, logitMax, normLogits, counts, countsSum,
                countsSumInv, probs, logprobs, picked, pickedMean, loss);
    }

    /** What a line of the forward reads for the tensor {@code t}: the given value, else its own. */
    private static Matrix read(Map<Tensor, Matrix> given, Tensor t, Matrix own) {
        return given.getOrDefault(t, own);
    }

    /**
     * The notebook's manual backward cell, line by line, each line the backward of the
     * step that produced the value: {@link ReferenceExercises}' Exercise 1 lines (the notebook's line
     * in each comment), run as a chain. dloss = 1.
     */
    public static Grads backward(Forward f) {
        return ReferenceExercises.INSTANCE.chain(ForwardValues.of(f));
    }
}
