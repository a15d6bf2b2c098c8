package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * One element per row, the notebook's {@code logprobs[range(n), Yb]}: the log-probability of each
 * example's target. The backward scatters each row's gradient back to the picked column.
 *
 * <pre>
 *   x:       (n, m)
 *   columns: n indices in [0, m)
 *   out:     (n, 1)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Pick`.
 */
public final class Pick {

    private Pick() {
    }

    /** What backward needs: the input (for its shape), the picked columns, and the output. */
    public record Forward(Matrix x, int[] columns, Matrix out) {
        public Forward {
            columns = columns.clone();
        }

        @Override
        public int[] columns() {
            return columns.clone();
        }
    }

    /** out[i] = x[i, columns[i]]. */
    public static Forward forward(Matrix x, int[] columns) {
        return new Forward(x, columns, x.pick(columns));
    }

    /** dx = one_hot(columns, m) * dout: dout[i] at (i, columns[i]), zero elsewhere. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Pick.backward", dout);
        return Matrix.oneHot(f.columns(), f.x().cols()).mul(dout);
    }
}
