package org.backpropninja.ops;

import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * Row gather (the embedding lookup), the notebook's {@code emb = C[Xb]}.
 *
 * <p>The notebook's emb is (n, block, embd); here it is its 2-D form (n*block, embd), with Xb
 * flattened row-major, so row {@code k*block + j} is {@code C[Xb[k, j]]}. {@link View} then makes
 * it (n, block*embd).
 *
 * <pre>
 *   C:   (vocab, embd)
 *   Xb:  (n, block) indices in [0, vocab)
 *   emb: (n*block, embd)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Gather`.
 */
public final class Gather {

    private Gather() {
    }

    /** What backward needs: the table (for its row count), the indices, and the output. */
    public record Forward(Matrix C, IntMatrix Xb, Matrix out) {
    }

    /** emb = C[Xb]: (vocab, embd) by (n, block) -> (n*block, embd). */
    public static Forward forward(Matrix C, IntMatrix Xb) {
        return new Forward(C, Xb, C.gatherRows(Xb));
    }

    /**
     * dC: row v of C receives the sum of every demb row that was gathered from it (repeated
     * indices accumulate, rows never used stay zero). demb: (n*block, embd) -> dC: (vocab, embd).
     */
    public static Matrix backward(Forward f, Matrix demb) {
        f.out().requireSameShape("Gather.backward", demb);
        return demb.scatterAddRows(f.Xb().toArray(), f.C().rows());
    }
}
