package org.backpropninja.notebook;

import java.util.EnumMap;
import java.util.Map;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Param;
import org.backpropninja.nn.Params;

/**
 * The forward's values as the notebook names them, what a gradient line of {@link Exercises} may
 * read: the minibatch, the seven parameters and every intermediate of the staged forward (the notebook's cell of atomic forward steps),
 * by {@link Tensor} ({@link #get}) or by an accessor named as in the notebook with its underscores
 * written as camel case ({@code counts_sum_inv} is {@link #countsSumInv}). Shapes are the table's
 * ({@link Tensor#shapeRule}); emb is (n*block, embd), the notebook's (n, block, embd) with its first
 * two axes merged.
 *
 * <p>Built from the staged chain ({@link #of(StagedChain.Forward)}) every value is there and
 * {@link #staged} holds the steps' records; built from the layers for Exercise 4
 * ({@link #ofLayers}) only what the layered forward computes is there -- the parameters, Xb, Yb,
 * emb, embcat, hprebn, bnvarInv, bnraw, hpreact, h, logits -- and the rest is null.
 */
public final class ForwardValues {

    private final IntMatrix Xb;
    private final int[] Yb;
    private final Map<Tensor, Matrix> values;
    private final StagedChain.Forward staged;

    private ForwardValues(IntMatrix Xb, int[] Yb, Map<Tensor, Matrix> values, StagedChain.Forward staged) {
        this.Xb = Xb;
        this.Yb = Yb.clone();
        this.values = new EnumMap<>(values);
        this.staged = staged;
    }

    /** Every value of the staged forward. */
    public static ForwardValues of(StagedChain.Forward f) {
        Map<Tensor, Matrix> values = new EnumMap<>(Tensor.class);
        for (Tensor t : Tensor.values()) {
            values.put(t, f.value(t));
        }
        return new ForwardValues(f.Xb(), f.Yb(), values, f);
    }

    /** What the layered forward of Exercise 4 computes; the staged chain's other intermediates are null. */
    public static ForwardValues ofLayers(Params p, Mlp.Forward f, IntMatrix Xb, int[] Yb) {
        Map<Tensor, Matrix> values = new EnumMap<>(Tensor.class);
        for (Param q : Param.values()) {
            values.put(Tensor.of(q), p.get(q));
        }
        Matrix embcat = f.layer1().x();                                   // (n, block*embd)
        values.put(Tensor.EMB, embcat.reshape(Xb.rows() * Xb.cols(), p.C().cols())); // (n*block, embd)
        values.put(Tensor.EMBCAT, embcat);
        values.put(Tensor.HPREBN, f.layer1().out());
        values.put(Tensor.BNVAR_INV, f.bn().bnvarInv());
        values.put(Tensor.BNRAW, f.bn().bnraw());
        values.put(Tensor.HPREACT, f.bn().out());
        values.put(Tensor.H, f.act().h());
        values.put(Tensor.LOGITS, f.layer2().out());
        return new ForwardValues(Xb, Yb, values, null);
    }

    /** The value of the tensor, or null if the forward these values come from did not compute it. */
    public Matrix get(Tensor t) {
        return values.get(t);
    }

    /** The minibatch's (n, block) context indices. */
    public IntMatrix Xb() {
        return Xb;
    }

    /** The minibatch's n targets. */
    public int[] Yb() {
        return Yb.clone();
    }

    /** The batch size n. */
    public int n() {
        return Xb.rows();
    }

    /** The staged forward's steps, or null when built from the layers. */
    public StagedChain.Forward staged() {
        return staged;
    }

    public Matrix C() {
        return get(Tensor.C);
    }

    public Matrix W1() {
        return get(Tensor.W1);
    }

    public Matrix b1() {
        return get(Tensor.B1);
    }

    public Matrix W2() {
        return get(Tensor.W2);
    }

    public Matrix b2() {
        return get(Tensor.B2);
    }

    public Matrix bngain() {
        return get(Tensor.BNGAIN);
    }

    public Matrix bnbias() {
        return get(Tensor.BNBIAS);
    }

    public Matrix emb() {
        return get(Tensor.EMB);
    }

    public Matrix embcat() {
        return get(Tensor.EMBCAT);
    }

    public Matrix hprebn() {
        return get(Tensor.HPREBN);
    }

    public Matrix bnmeani() {
        return get(Tensor.BNMEANI);
    }

    public Matrix bndiff() {
        return get(Tensor.BNDIFF);
    }

    public Matrix bndiff2() {
        return get(Tensor.BNDIFF2);
    }

    public Matrix bnvar() {
        return get(Tensor.BNVAR);
    }

    public Matrix bnvarInv() {
        return get(Tensor.BNVAR_INV);
    }

    public Matrix bnraw() {
        return get(Tensor.BNRAW);
    }

    public Matrix hpreact() {
        return get(Tensor.HPREACT);
    }

    public Matrix h() {
        return get(Tensor.H);
    }

    public Matrix logits() {
        return get(Tensor.LOGITS);
    }

    public Matrix logitMax() {
        return get(Tensor.LOGIT_MAX);
    }

    public Matrix normLogits() {
        return get(Tensor.NORM_LOGITS);
    }

    public Matrix counts() {
        return get(Tensor.COUNTS);
    }

    public Matrix countsSum() {
        return get(Tensor.COUNTS_SUM);
    }

    public Matrix countsSumInv() {
        return get(Tensor.COUNTS_SUM_INV);
    }

    public Matrix probs() {
        return get(Tensor.PROBS);
    }

    public Matrix logprobs() {
        return get(Tensor.LOGPROBS);
    }
}
