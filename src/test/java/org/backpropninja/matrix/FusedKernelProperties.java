package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The fused kernels the training step uses give exactly the bits of the plain operations they
 * replace ({@link Matrix#combine}, {@link Matrix#softmaxRows}, {@link Matrix#subOneHot}), and the
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

    /** A same-shape partner of m, or one row of its width, with values in [-2, 2]. */
    private static Matrix operand(Matrix m, long seed, boolean row) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        return Matrix.generate(row ? 1 : m.rows(), m.cols(), (i, j) -> r.nextDouble(-2, 2));
    }

    @Property(tries = 200)
    void combineHasTheBitsOfItsComposition(@ForAll("small") Matrix x, @ForAll long seed,
                                           @ForAll @DoubleRange(min = -40, max = 40) double s,
                                           @ForAll @IntRange(min = 0, max = 7) int rowMask) {
        Matrix y = operand(x, seed, false);
        Matrix a = operand(x, seed + 1, (rowMask & 1) != 0);
        Matrix c = operand(x, seed + 2, (rowMask & 2) != 0);
        Matrix d = operand(x, seed + 3, (rowMask & 4) != 0);
        Matrix composed = x.mulAdd(Matrix.full(1, x.cols(), s), y.mulAdd(a, c)).mul(d);
        assertEquals(composed, x.combine(s, y, a, c, d));
    }

    @Property(tries = 200)
    void softmaxRowsHasTheBitsOfTheStepsItFuses(@ForAll @IntRange(min = 1, max = 9) int rows,
                                                @ForAll @IntRange(min = 1, max = 30) int cols,
                                                @ForAll @DoubleRange(min = 0.1, max = 700) double spread,
                                                @ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        // logits up to 700 in magnitude: exp of them unshifted would overflow
        Matrix x = Matrix.generate(rows, cols, (i, j) -> r.nextDouble(-spread, spread));
        Matrix max = x.max(1).values();
        Matrix counts = x.sub(max).exp();
        Matrix sums = counts.sum(1);
        RowSoftmax fused = x.softmaxRows();
        assertEquals(counts.div(sums), fused.probs());
        assertEquals(max, fused.max());
        assertEquals(sums, fused.sums());
    }

    @Property(tries = 200)
    void subOneHotHasTheBitsOfSubtractingTheOneHot(@ForAll("small") Matrix x, @ForAll long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] idx = new int[x.rows()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = r.nextInt(x.cols());
        }
        assertEquals(x.sub(Matrix.oneHot(idx, x.cols())), x.subOneHot(idx));
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
