package org.backpropninja.nn;

import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * Embedding lookup and concatenation, the notebook's {@code emb = C[Xb]; embcat = emb.view(n, -1)}.
 *
 * <p>Derivation: docs/derivations.md, Part 2, "{@code Embedding}".
 */
public final class Embedding {

    private Embedding() {
    }

    /**
     * What the backward needs: the indices and the table's row count.
     *
     * @param embcat the output, (n, block*embd)
     * @param Xb     the indices, (n, block)
     * @param vocab  rows of C
     */
    public record Forward(Matrix embcat, IntMatrix Xb, int vocab) {
    }

    /**
     * Gathers row {@code Xb[k, j]} of C for every position and lays the block rows side by side.
     * C: (vocab, embd), Xb: (n, block) -> embcat: (n, block*embd).
     */
    public static Forward forward(Matrix C, IntMatrix Xb) {
        if (Xb.min() < 0 || Xb.max() >= C.rows()) {
            throw new IllegalArgumentException("Embedding: indices Xb " + Xb.shape() + " range over ["
                    + Xb.min() + ", " + Xb.max() + "] but C " + C.shape() + " has rows [0, " + C.rows() + ")");
        }
        // emb = C[Xb], (n*block, embd), viewed as embcat, (n, block*embd): in one pass
        Matrix embcat = Fused.gatherRowsSideBySide(C, Xb);           // (n, block*embd)
        return new Forward(embcat, Xb, C.rows());
    }

    /**
     * dC: the scatter-add of demb. Row {@code Xb[k, j]} of dC receives block j of row k of
     * dembcat; an index used several times accumulates every use, a row never used stays exactly 0.
     * dembcat: (n, block*embd) -> dC: (vocab, embd).
     */
    public static Matrix backward(Forward f, Matrix dembcat) {
        f.embcat().requireSameShape("Embedding.backward: dembcat", dembcat);
        // demb = dembcat.view(n*block, embd), scatter-added by Xb: in one pass, the same sums in the same order
        return Fused.scatterAddRowBlocks(dembcat, f.Xb(), f.vocab()); // (vocab, embd)
    }
}
