package org.backpropninja.notebook;

import java.util.EnumMap;
import java.util.Map;
import org.backpropninja.matrix.Matrix;

/**
 * The gradients a line of Exercise 1 may read: those of the lines above it in the notebook's
 * order ({@link Tensor}). Reading one that comes at or after the current line throws, saying so:
 * the chain runs from the loss down, and that gradient is not known yet. Beside {@link #get}, one
 * accessor per tensor names the gradient as the notebook does ({@code d.dprobs()}).
 */
public final class Upstream {

    private final Tensor line;
    private final Map<Tensor, Matrix> known;

    private Upstream(Tensor line, Map<Tensor, Matrix> known) {
        this.line = line;
        this.known = Map.copyOf(known);
    }

    /**
     * The gradients of the lines before {@code line}, taken from {@code all} (a full set: the
     * reference's, when a line is judged on its own).
     */
    public static Upstream before(Tensor line, StagedChain.Grads all) {
        Map<Tensor, Matrix> known = new EnumMap<>(Tensor.class);
        for (Tensor t : line.before()) {
            known.put(t, all.get(t));
        }
        return new Upstream(line, known);
    }

    /** The gradients computed so far, for the line {@code line}. */
    static Upstream of(Tensor line, Map<Tensor, Matrix> soFar) {
        Map<Tensor, Matrix> known = new EnumMap<>(Tensor.class);
        for (Tensor t : line.before()) {
            Matrix m = soFar.get(t);
            if (m != null) {
                known.put(t, m);
            }
        }
        return new Upstream(line, known);
    }

    /** The gradient of the tensor, if its line comes before this one. */
    public Matrix get(Tensor t) {
        Matrix m = known.get(t);
        if (m == null) {
            throw new IllegalStateException("d" + line.notebookName() + " reads d" + t.notebookName()
                    + ", which is not known at this line:"
                    + " a line may read only the gradients of the lines above it (the notebook's order)");
        }
        return m;
    }

    /** dlogprobs: the gradient of the loss with respect to logprobs. */
    public Matrix dlogprobs() {
        return get(Tensor.LOGPROBS);
    }

    /** dprobs: the gradient of the loss with respect to probs. */
    public Matrix dprobs() {
        return get(Tensor.PROBS);
    }

    /** dcounts_sum_inv: the gradient of the loss with respect to counts_sum_inv. */
    public Matrix dcountsSumInv() {
        return get(Tensor.COUNTS_SUM_INV);
    }

    /** dcounts_sum: the gradient of the loss with respect to counts_sum. */
    public Matrix dcountsSum() {
        return get(Tensor.COUNTS_SUM);
    }

    /** dcounts: the gradient of the loss with respect to counts. */
    public Matrix dcounts() {
        return get(Tensor.COUNTS);
    }

    /** dnorm_logits: the gradient of the loss with respect to norm_logits. */
    public Matrix dnormLogits() {
        return get(Tensor.NORM_LOGITS);
    }

    /** dlogit_max: the gradient of the loss with respect to logit_max. */
    public Matrix dlogitMax() {
        return get(Tensor.LOGIT_MAX);
    }

    /** dlogits: the gradient of the loss with respect to logits. */
    public Matrix dlogits() {
        return get(Tensor.LOGITS);
    }

    /** dh: the gradient of the loss with respect to h. */
    public Matrix dh() {
        return get(Tensor.H);
    }

    /** dW2: the gradient of the loss with respect to W2. */
    public Matrix dW2() {
        return get(Tensor.W2);
    }

    /** db2: the gradient of the loss with respect to b2. */
    public Matrix db2() {
        return get(Tensor.B2);
    }

    /** dhpreact: the gradient of the loss with respect to hpreact. */
    public Matrix dhpreact() {
        return get(Tensor.HPREACT);
    }

    /** dbngain: the gradient of the loss with respect to bngain. */
    public Matrix dbngain() {
        return get(Tensor.BNGAIN);
    }

    /** dbnraw: the gradient of the loss with respect to bnraw. */
    public Matrix dbnraw() {
        return get(Tensor.BNRAW);
    }

    /** dbnbias: the gradient of the loss with respect to bnbias. */
    public Matrix dbnbias() {
        return get(Tensor.BNBIAS);
    }

    /** dbnvar_inv: the gradient of the loss with respect to bnvar_inv. */
    public Matrix dbnvarInv() {
        return get(Tensor.BNVAR_INV);
    }

    /** dbnvar: the gradient of the loss with respect to bnvar. */
    public Matrix dbnvar() {
        return get(Tensor.BNVAR);
    }

    /** dbndiff2: the gradient of the loss with respect to bndiff2. */
    public Matrix dbndiff2() {
        return get(Tensor.BNDIFF2);
    }

    /** dbndiff: the gradient of the loss with respect to bndiff. */
    public Matrix dbndiff() {
        return get(Tensor.BNDIFF);
    }

    /** dbnmeani: the gradient of the loss with respect to bnmeani. */
    public Matrix dbnmeani() {
        return get(Tensor.BNMEANI);
    }

    /** dhprebn: the gradient of the loss with respect to hprebn. */
    public Matrix dhprebn() {
        return get(Tensor.HPREBN);
    }

    /** dembcat: the gradient of the loss with respect to embcat. */
    public Matrix dembcat() {
        return get(Tensor.EMBCAT);
    }

    /** dW1: the gradient of the loss with respect to W1. */
    public Matrix dW1() {
        return get(Tensor.W1);
    }

    /** db1: the gradient of the loss with respect to b1. */
    public Matrix db1() {
        return get(Tensor.B1);
    }

    /** demb: the gradient of the loss with respect to emb. */
    public Matrix demb() {
        return get(Tensor.EMB);
    }

    /** dC: the gradient of the loss with respect to C. */
    public Matrix dC() {
        return get(Tensor.C);
    }
}
