package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.DoubleRange;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The fused kernels the training step uses give exactly the bits of the plain operations they
 * replace ({@link Fused#scaleAddAffineMul}, {@link Fused#softmaxRows}, {@link Fused#subOneHot},
 * {@link Fused#meanNegLogSoftmaxAt}), and the
 * products that work through per-thread scratch rows give the bits of the same kernel on a freshly
 * made transpose, whatever the scratch rows held before.
 */
class FusedKernelProperties {

    @Provide
    Arbitrary<Matrix> small() {
        return MatrixArbitraries.matrices(9, 9, -3, 3);
    }

    @Provide
    Arbitrary<Tuple2<Matrix, Matrix>> products() {
        return MatrixArbitraries.matmulPairs(12);
    }

    /** x, y of x's shape, and a, c, d each of x's shape or one row of its width (which, by rowMask). */
    @Provide
    Arbitrary<List<Matrix>> combineOperands() {
        return Combinators.combine(MatrixArbitraries.shapes(9, 9), Arbitraries.integers().between(0, 7))
                .flatAs((s, rowMask) -> {
                    Shape row = new Shape(1, s.cols());
                    return Combinators.combine(List.of(
                            MatrixArbitraries.matrix(s, -3, 3),
                            MatrixArbitraries.matrix(s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 1) != 0 ? row : s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 2) != 0 ? row : s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 4) != 0 ? row : s, -2, 2))).as(l -> l);
                });
    }

    /** Logits up to 700 in magnitude: exp of them unshifted would overflow. */
    @Provide
    Arbitrary<Matrix> logits() {
        return Combinators.combine(MatrixArbitraries.shapes(9, 30), MatrixArbitraries.values(0.1, 700))
                .flatAs((s, spread) -> MatrixArbitraries.matrix(s, -spread, spread));
    }

    /** A matrix and one column index per row. */
    @Provide
    Arbitrary<Tuple2<Matrix, int[]>> picked() {
        return MatrixArbitraries.withAColumnPerRow(9, 9);
    }

    @Property(tries = 200)
    void scaleAddAffineMulHasTheBitsOfItsComposition(@ForAll("combineOperands") List<Matrix> m,
                                           @ForAll @DoubleRange(min = -40, max = 40) double s) {
        Matrix x = m.get(0);
        Matrix y = m.get(1);
        Matrix a = m.get(2);
        Matrix c = m.get(3);
        Matrix d = m.get(4);
        Matrix composed = Fused.mulThenAdd(x, Matrix.full(1, x.cols(), s), Fused.mulThenAdd(y, a, c)).mul(d);
        assertEquals(composed, Fused.scaleAddAffineMul(x, s, y, a, c, d));
    }

    @Property(tries = 200)
    void softmaxRowsHasTheBitsOfTheStepsItFuses(@ForAll("logits") Matrix x) {
        Matrix max = x.max(1).values();
        Matrix counts = x.sub(max).exp();
        Matrix sums = counts.sum(1);
        RowSoftmax fused = Fused.softmaxRows(x);
        assertEquals(counts.div(sums), fused.probs());
        assertEquals(max, fused.max());
        assertEquals(sums, fused.sums());
    }

    @Property(tries = 200)
    void subOneHotHasTheBitsOfSubtractingTheOneHot(@ForAll("picked") Tuple2<Matrix, int[]> t) {
        Matrix x = t.get1();
        assertEquals(x.sub(Matrix.oneHot(t.get2(), x.cols())), Fused.subOneHot(x, t.get2()));
    }

    @Property(tries = 200)
    void theMeanNegativeLogSoftmaxAtTheTargetsHasTheBitsOfItsSteps(@ForAll("logitsAndTargets") Tuple2<Matrix, int[]> t) {
        Matrix x = t.get1();
        int[] y = t.get2();
        RowSoftmax s = Fused.softmaxRows(x);
        double stepByStep = -x.pick(y).sub(s.max()).sub(s.sums().log()).sum() / x.rows();
        assertEquals(Double.doubleToRawLongBits(stepByStep),
                Double.doubleToRawLongBits(Fused.meanNegLogSoftmaxAt(x, y, s)));
    }

    /** Logits as {@link #logits} and one target per row. */
    @Provide
    Arbitrary<Tuple2<Matrix, int[]>> logitsAndTargets() {
        return MatrixArbitraries.withAColumnPerRow(logits());
    }

    @Property(tries = 200)
    void scratchBackedProductsHaveTheBitsOfAFreshTranspose(@ForAll("products") Tuple2<Matrix, Matrix> ab,
                                                           @ForAll("products") Tuple2<Matrix, Matrix> other) {
        Matrix a = ab.get1();                 // (n, k)
        Matrix c = ab.get2().transpose();     // (m, k)
        Matrix at = a.transpose();            // (k, n)
        Matrix b = ab.get2();                 // (k, m)
        Matrix viaTranspose = a.matmulTranspose(c);
        Matrix transposeFirst = at.transposeMatmul(b);
        assertEquals(a.matmul(c.transpose()), viaTranspose);
        assertEquals(at.transpose().matmul(b), transposeFirst);
        // other shapes, then the same shapes with other values, through the same scratch rows
        Matrix o1 = other.get1();
        Matrix o2 = other.get2();
        o1.matmulTranspose(o2.transpose());
        o1.transpose().transposeMatmul(o2);
        a.scale(-3).matmulTranspose(c.scale(0.5));
        at.scale(2).transposeMatmul(b.scale(-1.5));
        assertEquals(viaTranspose, a.matmulTranspose(c));
        assertEquals(transposeFirst, at.transposeMatmul(b));
    }

    @Example
    void aProductTooLargeToKeepScratchForStillHasTheBitsOfAFreshTranspose() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        Matrix a = Matrix.generate(3, 300, (i, j) -> r.nextDouble(-1, 1));
        Matrix c = Matrix.generate(260, 300, (i, j) -> r.nextDouble(-1, 1));   // c^T has 78,000 elements
        assertEquals(a.matmul(c.transpose()), a.matmulTranspose(c));
        Matrix h = Matrix.generate(300, 400, (i, j) -> r.nextDouble(-1, 1));
        Matrix g = Matrix.generate(300, 27, (i, j) -> r.nextDouble(-1, 1));   // g^T h is (27, 400)
        assertEquals(h.transpose().matmul(g), h.transposeMatmul(g));
    }
}
