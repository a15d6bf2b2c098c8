package org.backpropninja.notebook;

import java.util.HashMap;
import java.util.Map;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;

/**
 * The notebook's exercises as one interface, implemented by the reference ({@link ReferenceExercises})
 * and by a learner's workbook (src/workbook, docs/workbook.md); the same judge, the checker and the
 * properties the reference passes, runs on either.
 *
 * <ul>
 *   <li>Exercise 1: the 26 gradient lines of the staged chain, one method each, in the notebook's
 *       order ({@link StagedChain#CMP_ORDER}). Each reads the forward's values {@code v} and the
 *       gradients of the lines above it {@code d}, and returns the gradient of its tensor, same shape.
 *   <li>Exercise 2: {@link #dlogits(Matrix, int[])}, the fused cross-entropy backward.
 *   <li>Exercise 3: {@link #dhprebn(Matrix, Matrix, Matrix)}, the fused batchnorm backward.
 *   <li>Exercise 4: {@link #layersBackward}, the network's backward from the pieces above, which
 *       the training loop runs in place of the reference's.
 * </ul>
 *
 * A gradient not written yet is {@link #NOT_YET} (return {@link #notYet()}): the judge reports it
 * as "not yet" instead of judging it.
 */
public interface Exercises {

    /**
     * The placeholder of an unwritten gradient, told apart by identity. It is a (1, 1) NaN, so a
     * computation that uses it by mistake gives NaN or a shape error, never a plausible number.
     */
    Matrix NOT_YET = Matrix.full(1, 1, Double.NaN);

    /** What an unwritten line returns. */
    static Matrix notYet() {
        return NOT_YET;
    }

    /** Whether a line returned the placeholder. */
    static boolean isNotYet(Matrix m) {
        return m == NOT_YET;
    }

    // Exercise 1: the notebook's cell 47, one method per line, in its order.

    Matrix dlogprobs(ForwardValues v, Upstream d);
    Matrix dprobs(ForwardValues v, Upstream d);
    Matrix dcountsSumInv(ForwardValues v, Upstream d);
    Matrix dcountsSum(ForwardValues v, Upstream d);
    Matrix dcounts(ForwardValues v, Upstream d);
    Matrix dnormLogits(ForwardValues v, Upstream d);
    Matrix dlogitMax(ForwardValues v, Upstream d);
    Matrix dlogits(ForwardValues v, Upstream d);
    Matrix dh(ForwardValues v, Upstream d);
    Matrix dW2(ForwardValues v, Upstream d);
    Matrix db2(ForwardValues v, Upstream d);
    Matrix dhpreact(ForwardValues v, Upstream d);
    Matrix dbngain(ForwardValues v, Upstream d);
    Matrix dbnraw(ForwardValues v, Upstream d);
    Matrix dbnbias(ForwardValues v, Upstream d);
    Matrix dbnvarInv(ForwardValues v, Upstream d);
    Matrix dbnvar(ForwardValues v, Upstream d);
    Matrix dbndiff2(ForwardValues v, Upstream d);
    Matrix dbndiff(ForwardValues v, Upstream d);
    Matrix dbnmeani(ForwardValues v, Upstream d);
    Matrix dhprebn(ForwardValues v, Upstream d);
    Matrix dembcat(ForwardValues v, Upstream d);
    Matrix dW1(ForwardValues v, Upstream d);
    Matrix db1(ForwardValues v, Upstream d);
    Matrix demb(ForwardValues v, Upstream d);
    Matrix dC(ForwardValues v, Upstream d);

    /** Exercise 2: dlogits, (n, vocab), of the mean cross-entropy of logits (n, vocab) against Yb. */
    Matrix dlogits(Matrix logits, int[] Yb);

    /**
     * Exercise 3: dhprebn, (n, hidden), of batchnorm's training-mode output
     * {@code bngain * (hprebn - mean) / sqrt(var + 1e-5) + bnbias} (unbiased var), given the upstream
     * gradient dhpreact (n, hidden); bngain (1, hidden).
     */
    Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact);

    /** The Exercise 1 line for the named tensor. */
    default Matrix line(String name, ForwardValues v, Upstream d) {
        return switch (name) {
            case "logprobs" -> dlogprobs(v, d);
            case "probs" -> dprobs(v, d);
            case "counts_sum_inv" -> dcountsSumInv(v, d);
            case "counts_sum" -> dcountsSum(v, d);
            case "counts" -> dcounts(v, d);
            case "norm_logits" -> dnormLogits(v, d);
            case "logit_max" -> dlogitMax(v, d);
            case "logits" -> dlogits(v, d);
            case "h" -> dh(v, d);
            case "W2" -> dW2(v, d);
            case "b2" -> db2(v, d);
            case "hpreact" -> dhpreact(v, d);
            case "bngain" -> dbngain(v, d);
            case "bnraw" -> dbnraw(v, d);
            case "bnbias" -> dbnbias(v, d);
            case "bnvar_inv" -> dbnvarInv(v, d);
            case "bnvar" -> dbnvar(v, d);
            case "bndiff2" -> dbndiff2(v, d);
            case "bndiff" -> dbndiff(v, d);
            case "bnmeani" -> dbnmeani(v, d);
            case "hprebn" -> dhprebn(v, d);
            case "embcat" -> dembcat(v, d);
            case "W1" -> dW1(v, d);
            case "b1" -> db1(v, d);
            case "emb" -> demb(v, d);
            case "C" -> dC(v, d);
            default -> throw new IllegalArgumentException("no gradient line named d" + name);
        };
    }

    /**
     * Exercise 1's lines run as the notebook runs them, each reading the gradients the lines above it
     * gave: all 26 gradients. Throws {@link IllegalStateException} naming the first line not written yet.
     */
    default StagedChain.Grads chain(ForwardValues v) {
        Map<String, Matrix> grads = new HashMap<>();
        for (String name : StagedChain.CMP_ORDER) {
            grads.put(name, written(name, line(name, v, Upstream.of(name, grads))));
        }
        return new StagedChain.Grads(grads.get("logprobs"), grads.get("probs"), grads.get("counts_sum_inv"),
                grads.get("counts_sum"), grads.get("counts"), grads.get("norm_logits"), grads.get("logit_max"),
                grads.get("logits"), grads.get("h"), grads.get("W2"), grads.get("b2"), grads.get("hpreact"),
                grads.get("bngain"), grads.get("bnraw"), grads.get("bnbias"), grads.get("bnvar_inv"),
                grads.get("bnvar"), grads.get("bndiff2"), grads.get("bndiff"), grads.get("bnmeani"),
                grads.get("hprebn"), grads.get("embcat"), grads.get("W1"), grads.get("b1"), grads.get("emb"),
                grads.get("C"));
    }

    /**
     * Exercise 4, the notebook's last backward cell: the layers' backward from Exercise 2's dlogits,
     * Exercise 1's lines for the linear layers, tanh, the batchnorm parameters and the embedding, and
     * Exercise 3's dhprebn. {@code v} holds what the layered forward computes
     * ({@link ForwardValues#ofLayers}). Throws {@link IllegalStateException} naming the first piece not
     * written yet.
     */
    default Params layersBackward(ForwardValues v) {
        Map<String, Matrix> g = new HashMap<>();
        g.put("logits", written("logits", dlogits(v.logits(), v.Yb())));                  // Exercise 2
        for (String name : new String[] {"h", "W2", "b2", "hpreact", "bngain", "bnbias"}) {
            g.put(name, written(name, line(name, v, Upstream.of(name, g))));
        }
        g.put("hprebn", written("hprebn", dhprebn(v.hprebn(), v.bngain(), g.get("hpreact")))); // Exercise 3
        for (String name : new String[] {"embcat", "W1", "b1", "emb", "C"}) {
            g.put(name, written(name, line(name, v, Upstream.of(name, g))));
        }
        return new Params(g.get("C"), g.get("W1"), g.get("b1"), g.get("W2"), g.get("b2"), g.get("bngain"),
                g.get("bnbias"));
    }

    private static Matrix written(String name, Matrix m) {
        if (isNotYet(m)) {
            throw new IllegalStateException("d" + name + " is not written yet");
        }
        return m;
    }
}
