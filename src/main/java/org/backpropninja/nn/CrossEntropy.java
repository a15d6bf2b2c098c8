package org.backpropninja.nn;

import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.RowSoftmax;

/**
 * The fused, numerically stable cross-entropy loss of logits against integer targets, the
 * notebook's {@code F.cross_entropy(logits, Yb)} (Exercise 2):
 *
 * <pre>
 *   norm   = logits - rowmax(logits)          (n, V)   every element <= 0, one per row is 0
 *   lse    = log(sum_j exp(norm))             (n, 1)   in [0, log V]
 *   loss   = mean_i (lse_i - norm[i, y_i])             = mean_i -log softmax(logits)[i, y_i]
 *   probs  = exp(norm - lse)                  (n, V)   softmax, kept for the backward
 * </pre>
 *
 * Subtracting the row maximum changes nothing mathematically (softmax is shift-invariant) but keeps
 * every exp argument <= 0, so nothing overflows whatever the logits' magnitude.
 *
 * <p>Derivation: docs/derivations.md, Part 2, "{@code CrossEntropy}".
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /**
     * What the backward needs.
     *
     * @param loss  the mean loss
     * @param probs softmax of the logits, (n, V)
     * @param y     the targets, n of them
     */
    public record Forward(double loss, Matrix probs, int[] y) {
        public Forward {
            y = y.clone();
        }

        @Override
        public int[] y() {
            return y.clone();
        }
    }

    /** logits: (n, V), y: n targets in [0, V) -> the mean loss and the softmax. */
    public static Forward forward(Matrix logits, int[] y) {
        int n = logits.rows();
        int vocab = logits.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("CrossEntropy: " + y.length + " targets for logits "
                    + logits.shape());
        }
        for (int t : y) {
            if (t < 0 || t >= vocab) {
                throw new IllegalArgumentException("CrossEntropy: target " + t + " outside [0, " + vocab
                        + ") for logits " + logits.shape());
            }
        }
        RowSoftmax s = Fused.softmaxRows(logits);            // probs (n, V); max, counts_sum (n, 1)
        // mean of -(norm at the targets - log(counts_sum)): the log softmax at the targets, in one pass
        double loss = Fused.meanNegLogSoftmaxAt(logits, y, s);
        return new Forward(loss, s.probs(), y);
    }

    /**
     * softmax of each row, the row maximum subtracted first: logits (n, V) -> probs (n, V), each
     * row summing to 1. What the forward keeps for the backward, and what sampling draws from.
     * One fused pass per row ({@link Fused#softmaxRows}): norm = logits - rowmax, counts =
     * exp(norm), probs = counts / counts.sum(1), with the bits of those three steps.
     */
    public static Matrix softmax(Matrix logits) {
        return Fused.softmaxRows(logits).probs();
    }

    /**
     * dlogits = (softmax - onehot(y)) / n, the gradient of the mean loss. -> (n, V).
     */
    public static Matrix backward(Forward f) {
        Matrix probs = f.probs();
        return Fused.subOneHotScaled(probs, f.y, 1.0 / probs.rows()); // (probs - onehot(y)) / n, one pass
    }
}
