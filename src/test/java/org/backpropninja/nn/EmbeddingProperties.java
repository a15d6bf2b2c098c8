package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/** The embedding's scatter-add backward against finite differences, its invariants and its classic bug. */
class EmbeddingProperties {

    /** C (vocab, embd), Xb (n, block), upstream G (n, block*embd). */
    record Case(Matrix C, IntMatrix Xb, Matrix G) {
    }

    static Arbitrary<Case> cases(NnArbitraries.Sizes max, boolean forceRepeat) {
        return NnArbitraries.sizes(max.n(), max.vocab(), max.embd(), max.block(), 1).flatMap(s -> Combinators.combine(NnArbitraries.matrix(s.vocab(), s.embd()),
                forceRepeat ? NnArbitraries.indicesWithRepeat(s.n(), s.block(), s.vocab())
                        : NnArbitraries.indices(s.n(), s.block(), s.vocab()),
                NnArbitraries.upstream(s.n(), s.block() * s.embd())).as(Case::new));
    }

    @Provide
    Arbitrary<Case> batches() {
        return cases(new NnArbitraries.Sizes(16, 30, 8, 4, 1), false);
    }

    @Provide
    Arbitrary<Case> batchesWithARepeatedIndex() {
        return cases(new NnArbitraries.Sizes(16, 30, 8, 4, 1), true);
    }

    /** Smaller tables for the rejection property, whose point is not size. */
    @Provide
    Arbitrary<Case> smallBatchesWithARepeatedIndex() {
        return cases(new NnArbitraries.Sizes(8, 12, 4, 3, 1), true);
    }

    static Report check(Case c, GradientChecker.Vjp vjp) {
        return GradientChecker.checkVjp("Embedding", in -> Embedding.forward(in.get(0), c.Xb()).embcat(), vjp,
                List.of(c.C()), c.G(), Tolerance.DEFAULT);
    }

    static List<Matrix> fused(Case c, Matrix G) {
        return List.of(Embedding.backward(Embedding.forward(c.C(), c.Xb()), G));
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") Case c) {
        check(c, (in, G) -> fused(c, G)).assertPassed();
    }

    @Property(tries = 200)
    void repeatedIndicesAccumulateAndMatchFiniteDifferences(@ForAll("batchesWithARepeatedIndex") Case c) {
        check(c, (in, G) -> fused(c, G)).assertPassed();
    }

    /** The classic slip: dC[ix] = demb[k, j] instead of +=, so a repeated row keeps only its last use. */
    static Matrix assignInsteadOfAccumulate(Case c, Matrix dembcat) {
        int embd = c.C().cols();
        double[][] dC = new double[c.C().rows()][embd];
        for (int k = 0; k < c.Xb().rows(); k++) {
            for (int j = 0; j < c.Xb().cols(); j++) {
                for (int e = 0; e < embd; e++) {
                    dC[c.Xb().get(k, j)][e] = dembcat.get(k, j * embd + e);
                }
            }
        }
        return Matrix.from(dC);
    }

    @Property(tries = 200)
    void assigningInsteadOfAccumulatingRepeatedRowsIsRejected(@ForAll("smallBatchesWithARepeatedIndex") Case c) {
        assertTrue(check(c, (in, G) -> List.of(assignInsteadOfAccumulate(c, G))).failed());
    }

    /**
     * Rows of C that no position uses get exactly +0.0; every element of demb lands in exactly one
     * row of dC, so the totals agree up to the reordering of one sum of N = n*block*embd terms:
     * |sum dC - sum demb| <= 2 N ulp(1) sum |demb|.
     */
    @Property(tries = 200)
    void unusedRowsGetExactlyZeroAndTheTotalIsPreserved(@ForAll("batches") Case c) {
        Matrix dC = fused(c, c.G()).get(0);
        boolean[] used = new boolean[c.C().rows()];
        for (int ix : c.Xb().toArray()) {
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
