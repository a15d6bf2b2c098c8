package org.backpropninja.ops;

import org.backpropninja.matrix.ArgMax;
import org.backpropninja.matrix.Matrix;

/**
 * Maximum of each row (values only), the notebook's
 * {@code logit_max = logits.max(1, keepdim=True).values}. The backward routes each row's
 * gradient to that row's arg-max and gives every other element zero. On ties the first maximum is
 * taken (as {@link Matrix#max(int)} does); the function has a kink there, so checks keep the
 * arg-max clear of ties.
 *
 * <pre>
 *   x:       (r, c)
 *   indices: r column indices, the arg-max of each row
 *   out:     (r, 1)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `RowMax`.
 */
public final class RowMax {

    private RowMax() {
    }

    /** What backward needs: the input (for its shape), the arg-max of each row, and the output. */
    public record Forward(Matrix x, int[] indices, Matrix out) {
        public Forward {
            indices = indices.clone();
        }

        @Override
        public int[] indices() {
            return indices.clone();
        }
    }

    /** out[i] = max_j x[i, j]. */
    public static Forward forward(Matrix x) {
        ArgMax m = x.max(1);
        return new Forward(x, m.indices(), m.values());
    }

    /** dx = one_hot(indices, c) * dout: row i gets dout[i] at its arg-max, zero elsewhere. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("RowMax.backward", dout);
        return Matrix.oneHot(f.indices(), f.x().cols()).mul(dout);
    }
}
