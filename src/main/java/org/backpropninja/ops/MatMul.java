package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * Matrix product, the notebook's {@code embcat @ W1} and {@code h @ W2}.
 *
 * <pre>
 *   a:   (n, k)
 *   b:   (k, m)
 *   out: (n, m)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `MatMul`.
 */
public final class MatMul {

    private MatMul() {
    }

    /** What backward needs: both operands, and the output. */
    public record Forward(Matrix a, Matrix b, Matrix out) {
    }

    /** Gradients of both operands: da (n, k), db (k, m). */
    public record Grads(Matrix da, Matrix db) {
    }

    /** out = a @ b. */
    public static Forward forward(Matrix a, Matrix b) {
        return new Forward(a, b, a.matmul(b));
    }

    /** da = dout @ b^T, db = a^T @ dout. dout: (n, m). */
    public static Grads backward(Forward f, Matrix dout) {
        f.out().requireSameShape("MatMul.backward", dout);
        return new Grads(dout.matmulTranspose(f.b()), f.a().transposeMatmul(dout));
    }
}
