package example;

import org.backpropninja.matrix.Matrix;

/**
 * Self-attention's weights for one sequence: P = softmax(Q K^T / sqrt(d)) row by row, queries and
 * keys of the same n positions. A product, then a softmax.
 */
public final class AttentionScores {

    private AttentionScores() {
    }

    /** What backward needs: q, k (n, d), the scale 1/sqrt(d), and p (n, n), the output. */
    public record Forward(Matrix q, Matrix k, double scale, Matrix p) {
    }

    /** q: (n, d), k: (n, d) -> p: (n, n), each row summing to 1. */
    public static Forward forward(Matrix q, Matrix k) {
        double scale = 1.0 / Math.sqrt(q.cols());
        Matrix s = q.matmul(k.transpose()).scale(scale);      // (n, n)
        Matrix e = s.sub(s.max(1).values()).exp();         // (n, n), the row max subtracted
        return new Forward(q, k, scale, e.div(e.sum(1)));
    }

    /** dq (n, d), dk (n, d). */
    public record Grads(Matrix dq, Matrix dk) {
    }

    /**
     * Softmax's backward row by row, ds = p * (dp - sum(dp * p)), then the product's:
     * dq = scale ds k, dk = scale ds^T q (k enters transposed, so its gradient comes back transposed).
     */
    public static Grads backward(Forward f, Matrix dp) {
        Matrix ds = f.p().mul(dp.sub(dp.mul(f.p()).sum(1)));                        // (n, n)
        return new Grads(ds.matmul(f.k()).scale(f.scale()), ds.transpose().matmul(f.q()).scale(f.scale()));
    }
}
