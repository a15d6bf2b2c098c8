package org.backpropninja.ops;

import org.backpropninja.matrix.Matrix;

/**
 * View (concatenation of the block's embeddings), the notebook's
 * {@code embcat = emb.view(emb.shape[0], -1)}: the same elements in row-major order, reshaped.
 *
 * <pre>
 *   emb:    (n*block, embd)
 *   embcat: (n, block*embd)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `View`.
 */
public final class View {

    private View() {
    }

    /** What backward needs: the input (for its shape) and the output. */
    public record Forward(Matrix x, Matrix out) {
    }

    /** out = x viewed as (rows, cols); rows*cols must equal x's size. */
    public static Forward forward(Matrix x, int rows, int cols) {
        return new Forward(x, x.reshape(rows, cols));
    }

    /** dx = dout viewed back in x's shape: a reshape moves no element, so neither does its gradient. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("View.backward", dout);
        return dout.reshape(f.x().rows(), f.x().cols());
    }
}
