package org.backpropninja.notebook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpropninja.matrix.Matrix;

/**
 * The gradients a line of Exercise 1 may read: those of the lines above it in the notebook's
 * order ({@link StagedChain#CMP_ORDER}). Reading one that comes at or after the current line
 * throws, saying so: the chain runs from the loss down, and that gradient is not known yet.
 */
public final class Upstream {

    private final String line;
    private final Map<String, Matrix> known;

    private Upstream(String line, Map<String, Matrix> known) {
        this.line = line;
        this.known = Map.copyOf(known);
    }

    /**
     * The gradients of the lines before {@code line}, taken from {@code all} (a full set: the
     * reference's, when a line is judged on its own; the learner's own so far, in a chain).
     */
    public static Upstream before(String line, StagedChain.Grads all) {
        Map<String, Matrix> known = new HashMap<>();
        for (String name : upTo(line)) {
            known.put(name, all.get(name));
        }
        return new Upstream(line, known);
    }

    /** The gradients computed so far, by notebook name, for the line {@code line}. */
    static Upstream of(String line, Map<String, Matrix> soFar) {
        Map<String, Matrix> known = new HashMap<>();
        for (String name : upTo(line)) {
            Matrix m = soFar.get(name);
            if (m != null) {
                known.put(name, m);
            }
        }
        return new Upstream(line, known);
    }

    private static List<String> upTo(String line) {
        int k = StagedChain.CMP_ORDER.indexOf(line);
        if (k < 0) {
            throw new IllegalArgumentException("no gradient line named d" + line);
        }
        return StagedChain.CMP_ORDER.subList(0, k);
    }

    /** The gradient of the named tensor, if its line comes before this one. */
    public Matrix get(String name) {
        Matrix m = known.get(name);
        if (m == null) {
            throw new IllegalStateException("d" + line + " reads d" + name + ", which is not known at this line:"
                    + " a line may read only the gradients of the lines above it (the notebook's order)");
        }
        return m;
    }

    /** dlogprobs: the gradient of the loss with respect to logprobs. */
    public Matrix dlogprobs() {
        return get("logprobs");
    }

    /** dprobs: the gradient of the loss with respect to probs. */
    public Matrix dprobs() {
        return get("probs");
    }

    /** dcounts_sum_inv: the gradient of the loss with respect to counts_sum_inv. */
    public Matrix dcountsSumInv() {
        return get("counts_sum_inv");
    }

    /** dcounts_sum: the gradient of the loss with respect to counts_sum. */
    public Matrix dcountsSum() {
        return get("counts_sum");
    }

    /** dcounts: the gradient of the loss with respect to counts. */
    public Matrix dcounts() {
        return get("counts");
    }

    /** dnorm_logits: the gradient of the loss with respect to norm_logits. */
    public Matrix dnormLogits() {
        return get("norm_logits");
    }

    /** dlogit_max: the gradient of the loss with respect to logit_max. */
    public Matrix dlogitMax() {
        return get("logit_max");
    }

    /** dlogits: the gradient of the loss with respect to logits. */
    public Matrix dlogits() {
        return get("logits");
    }

    /** dh: the gradient of the loss with respect to h. */
    public Matrix dh() {
        return get("h");
    }

    /** dW2: the gradient of the loss with respect to W2. */
    public Matrix dW2() {
        return get("W2");
    }

    /** db2: the gradient of the loss with respect to b2. */
    public Matrix db2() {
        return get("b2");
    }

    /** dhpreact: the gradient of the loss with respect to hpreact. */
    public Matrix dhpreact() {
        return get("hpreact");
    }

    /** dbngain: the gradient of the loss with respect to bngain. */
    public Matrix dbngain() {
        return get("bngain");
    }

    /** dbnraw: the gradient of the loss with respect to bnraw. */
    public Matrix dbnraw() {
        return get("bnraw");
    }

    /** dbnbias: the gradient of the loss with respect to bnbias. */
    public Matrix dbnbias() {
        return get("bnbias");
    }

    /** dbnvar_inv: the gradient of the loss with respect to bnvar_inv. */
    public Matrix dbnvarInv() {
        return get("bnvar_inv");
    }

    /** dbnvar: the gradient of the loss with respect to bnvar. */
    public Matrix dbnvar() {
        return get("bnvar");
    }

    /** dbndiff2: the gradient of the loss with respect to bndiff2. */
    public Matrix dbndiff2() {
        return get("bndiff2");
    }

    /** dbndiff: the gradient of the loss with respect to bndiff. */
    public Matrix dbndiff() {
        return get("bndiff");
    }

    /** dbnmeani: the gradient of the loss with respect to bnmeani. */
    public Matrix dbnmeani() {
        return get("bnmeani");
    }

    /** dhprebn: the gradient of the loss with respect to hprebn. */
    public Matrix dhprebn() {
        return get("hprebn");
    }

    /** dembcat: the gradient of the loss with respect to embcat. */
    public Matrix dembcat() {
        return get("embcat");
    }

    /** dW1: the gradient of the loss with respect to W1. */
    public Matrix dW1() {
        return get("W1");
    }

    /** db1: the gradient of the loss with respect to b1. */
    public Matrix db1() {
        return get("b1");
    }

    /** demb: the gradient of the loss with respect to emb. */
    public Matrix demb() {
        return get("emb");
    }

    /** dC: the gradient of the loss with respect to C. */
    public Matrix dC() {
        return get("C");
    }
}
