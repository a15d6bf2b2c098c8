package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.judge.Domain;
import org.backpropninja.judge.Inputs;
import org.backpropninja.judge.LayerCase;
import org.backpropninja.judge.LayerSpec;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * The embedding's scatter-add backward judged over generated cases (the public judge), its
 * invariants and its classic bug.
 */
class EmbeddingProperties {

    /**
     * C (vocab, embd) in [-1, 1], Xb (n, block) into [0, vocab), G (n, block*embd); n 2..maxN, vocab
     * 2..maxVocab, embd 1..maxEmbd, block 1..maxBlock. With a repeat, Xb's first two positions name
     * the same row.
     */
    static LayerSpec embedding(int maxN, int maxVocab, int maxEmbd, int maxBlock, boolean repeat) {
        LayerSpec sizes = LayerSpec.named("Embedding").dim("n", 2, maxN).dim("vocab", 2, maxVocab)
                .dim("embd", 1, maxEmbd).dim("block", 1, maxBlock).input("C", "vocab", "embd", Domain.between(-1, 1));
        LayerSpec withXb = repeat ? sizes.indicesWithARepeat("Xb", "n", "block", "vocab")
                : sizes.indices("Xb", "n", "block", "vocab");
        return withXb.forward(in -> forward(in).embcat())
                .backward((in, dembcat) -> Map.of("C", Embedding.backward(forward(in), dembcat)));
    }

    static Embedding.Forward forward(Inputs in) {
        return Embedding.forward(in.get("C"), in.indices("Xb"));
    }

    @Provide
    Arbitrary<LayerCase> batches() {
        return embedding(16, 30, 8, 4, false).cases();
    }

    @Provide
    Arbitrary<LayerCase> batchesWithARepeatedIndex() {
        return embedding(16, 30, 8, 4, true).cases();
    }

    /** The classic slip on smaller tables (the rejection's point is not size): dC[ix] = demb instead of +=. */
    @Provide
    Arbitrary<LayerCase> assigningOnSmallBatchesWithARepeatedIndex() {
        return embedding(8, 12, 4, 3, true).withBackward("Embedding, assignment instead of accumulation",
                (in, dembcat) -> Map.of("C", assignInsteadOfAccumulate(in.get("C"), in.indices("Xb"), dembcat)))
                .cases();
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") LayerCase c) {
        c.check();
    }

    @Property(tries = 200)
    void repeatedIndicesAccumulateAndMatchFiniteDifferences(@ForAll("batchesWithARepeatedIndex") LayerCase c) {
        c.check();
    }

    /** The classic slip: dC[ix] = demb[k, j] instead of +=, so a repeated row keeps only its last use. */
    static Matrix assignInsteadOfAccumulate(Matrix C, IntMatrix Xb, Matrix dembcat) {
        int embd = C.cols();
        double[][] dC = new double[C.rows()][embd];
        for (int k = 0; k < Xb.rows(); k++) {
            for (int j = 0; j < Xb.cols(); j++) {
                for (int e = 0; e < embd; e++) {
                    dC[Xb.get(k, j)][e] = dembcat.get(k, j * embd + e);
                }
            }
        }
        return Matrix.from(dC);
    }

    @Property(tries = 200)
    void assigningInsteadOfAccumulatingRepeatedRowsIsRejected(
            @ForAll("assigningOnSmallBatchesWithARepeatedIndex") LayerCase c) {
        c.assertRejected();
    }

    /**
     * Rows of C that no position uses get exactly +0.0; every element of demb lands in exactly one
     * row of dC, so the totals agree up to the reordering of one sum of N = n*block*embd terms:
     * |sum dC - sum demb| <= 2 N ulp(1) sum |demb|.
     */
    @Property(tries = 200)
    void unusedRowsGetExactlyZeroAndTheTotalIsPreserved(@ForAll("batches") LayerCase c) {
        Matrix dC = Embedding.backward(forward(c.values()), c.G());
        boolean[] used = new boolean[c.inputs().get("C").rows()];
        for (int ix : c.indices().get("Xb").toArray()) {
            used[ix] = true;
        }
        for (int r = 0; r < used.length; r++) {
            for (int e = 0; !used[r] && e < dC.cols(); e++) {
                assertEquals(0, Double.compare(dC.get(r, e), 0.0), "row " + r + " is never indexed");
            }
        }
        double absTotal = c.G().map(Math::abs).sum();
        assertTrue(Math.abs(dC.sum() - c.G().sum()) <= 2.0 * c.G().size() * Math.ulp(1.0) * absTotal);
    }

    @Example
    void anIndexOutsideTheTableIsRejectedNamingTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Embedding.forward(Matrix.of(3, 2, 1, 2, 3, 4, 5, 6), IntMatrix.of(2, 2, 0, 1, 2, 3)));
        assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(2, 2)"), e.getMessage());
    }

    @Example
    void gathersAndConcatenatesTheBlockRows() {
        Matrix C = Matrix.of(3, 2, 1, 2, 3, 4, 5, 6);
        Matrix embcat = Embedding.forward(C, IntMatrix.of(2, 2, 2, 0, 1, 1)).embcat();
        assertEquals(Matrix.of(2, 4, 5, 6, 1, 2, 3, 4, 3, 4), embcat);
    }
}
