package org.backpropninja.notebook;

import java.util.EnumMap;
import java.util.List;
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
 *       order (the table {@link Tensor}, which names each line's method). Each reads the forward's
 *       values {@code v} and the gradients of the lines above it {@code d}, and returns the gradient
 *       of its tensor, same shape.
 *   <li>Exercise 2: {@link #dlogits(Matrix, int[])}, the fused cross-entropy backward.
 *   <li>Exercise 3: {@link #dhprebn(Matrix, Matrix, Matrix)}, the fused batchnorm backward.
 *   <li>Exercise 4: {@link #layersBackward}, the network's backward from the pieces above, which
 *       the training loop runs in place of the reference's.
 * </ul>
 *
 * A gradient not written yet is {@link #NOT_YET} (return {@link #notYet()}, what every method does
 * until it is overridden): the judge reports it as "not yet" instead of judging it.
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

    // Exercise 1: the notebook's manual backward cell, one method per line, in its order (Tensor). A line not
    // overridden is not written yet.

    default Matrix dlogprobs(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dprobs(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dcountsSumInv(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dcountsSum(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dcounts(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dnormLogits(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dlogitMax(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dlogits(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dh(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dW2(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix db2(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dhpreact(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbngain(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbnraw(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbnbias(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbnvarInv(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbnvar(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbndiff2(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbndiff(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dbnmeani(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dhprebn(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dembcat(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dW1(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix db1(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix demb(ForwardValues v, Upstream d) {
        return notYet();
    }

    default Matrix dC(ForwardValues v, Upstream d) {
        return notYet();
    }

    /** Exercise 2: dlogits, (n, vocab), of the mean cross-entropy of logits (n, vocab) against Yb. */
    default Matrix dlogits(Matrix logits, int[] Yb) {
        return notYet();
    }

    /**
     * Exercise 3: dhprebn, (n, hidden), of batchnorm's training-mode output
     * {@code bngain * (hprebn - mean) / sqrt(var + 1e-5) + bnbias} (unbiased var), given the upstream
     * gradient dhpreact (n, hidden); bngain (1, hidden).
     */
    default Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact) {
        return notYet();
    }

    /** The Exercise 1 line for the tensor: its method ({@link Tensor#line}). */
    default Matrix line(Tensor t, ForwardValues v, Upstream d) {
        return t.line(this, v, d);
    }

    /**
     * Exercise 1's lines run as the notebook runs them, each reading the gradients the lines above it
     * gave: all 26 gradients. Throws {@link LineFailure} naming the first line not written yet, or one
     * that throws, returns null or returns the wrong shape.
     */
    default StagedChain.Grads chain(ForwardValues v) {
        Map<Tensor, Matrix> grads = new EnumMap<>(Tensor.class);
        for (Tensor t : Tensor.values()) {
            grads.put(t, piece(t, v, () -> line(t, v, Upstream.of(t, grads)), false));
        }
        return new StagedChain.Grads(grads);
    }

    /**
     * Exercise 4, the notebook's last backward cell: the layers' backward from Exercise 2's dlogits,
     * Exercise 1's lines for the linear layers, tanh, the batchnorm parameters and the embedding, and
     * Exercise 3's dhprebn. {@code v} holds what the layered forward computes
     * ({@link ForwardValues#ofLayers}). Throws {@link LineFailure} naming the first piece not written
     * yet, or the first that throws, recurses, returns null, the wrong shape or a value that is not finite.
     */
    default Params layersBackward(ForwardValues v) {
        Map<Tensor, Matrix> g = new EnumMap<>(Tensor.class);
        g.put(Tensor.LOGITS, piece(Tensor.LOGITS, v, () -> dlogits(v.logits(), v.Yb()), true));      // Exercise 2
        for (Tensor t : List.of(Tensor.H, Tensor.W2, Tensor.B2, Tensor.HPREACT, Tensor.BNGAIN, Tensor.BNBIAS)) {
            g.put(t, piece(t, v, () -> line(t, v, Upstream.of(t, g)), true));
        }
        g.put(Tensor.HPREBN, piece(Tensor.HPREBN, v, () -> dhprebn(v.hprebn(), v.bngain(), g.get(Tensor.HPREACT)),
                true));                                                                                 // Exercise 3
        for (Tensor t : List.of(Tensor.EMBCAT, Tensor.W1, Tensor.B1, Tensor.EMB, Tensor.C)) {
            g.put(t, piece(t, v, () -> line(t, v, Upstream.of(t, g)), true));
        }
        return Params.build(p -> g.get(Tensor.of(p)));
    }

    /**
     * A gradient of a learner's code that did not give one: which gradient, and what the code did
     * (not written yet, threw, recursed, returned null, the wrong shape, a value that is not finite).
     */
    final class LineFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String gradient;
        private final boolean notWritten;

        LineFailure(String gradient, String what, boolean notWritten, Throwable cause) {
            super(gradient + " " + what, cause);
            this.gradient = gradient;
            this.notWritten = notWritten;
        }

        /** The gradient's name, d + the notebook's name. */
        public String gradient() {
            return gradient;
        }

        /** The gradient is a placeholder still. */
        public boolean notWritten() {
            return notWritten;
        }
    }

    /** One gradient of the chain or the layers' backward, checked as {@link LineFailure} describes. */
    private static Matrix piece(Tensor t, ForwardValues v, java.util.function.Supplier<Matrix> line,
                                boolean finite) {
        String gradient = "d" + t.notebookName();
        Matrix m;
        try {
            m = line.get();
        } catch (LineFailure e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new LineFailure(gradient, "recursed without end (StackOverflowError)", false, null);
        } catch (RuntimeException e) {
            throw new LineFailure(gradient, "threw " + e, false, e);
        }
        if (isNotYet(m)) {
            throw new LineFailure(gradient, "is not written yet", true, null);
        }
        if (m == null) {
            throw new LineFailure(gradient, "returned null", false, null);
        }
        Matrix x = v.get(t);
        if (m.rows() != x.rows() || m.cols() != x.cols()) {
            throw new LineFailure(gradient, "is " + m.shape() + " but " + t.notebookName() + " is " + x.shape(),
                    false, null);
        }
        if (finite) {
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    if (!Double.isFinite(m.get(i, j))) {
                        throw new LineFailure(gradient, "returned " + m.get(i, j) + " at (" + i + ", " + j + ")",
                                false, null);
                    }
                }
            }
        }
        return m;
    }
}
