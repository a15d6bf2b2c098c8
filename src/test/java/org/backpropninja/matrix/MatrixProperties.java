package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * Matrix against independent oracles: commons-math3 for products and transposes, explicit tiling
 * for broadcasting, naive loops for reductions.
 */
class MatrixProperties {

    @Provide
    Arbitrary<Tuple2<Matrix, Matrix>> products() {
        return MatrixArbitraries.matmulPairs(8);
    }

    @Provide
    Arbitrary<Matrix> small() {
        return MatrixArbitraries.matrices(8, 8, -3, 3);
    }

    @Provide
    Arbitrary<Tuple2<Matrix, Matrix>> broadcasting() {
        return MatrixArbitraries.broadcastPairs(8, 8);
    }

    private static RealMatrix oracle(Matrix m) {
        return new Array2DRowRealMatrix(m.toArray2D(), false);
    }

    private static Matrix fromOracle(RealMatrix r) {
        return Matrix.from(r.getData());
    }

    /** Element-wise closeness for sums of products: a few ulps of the magnitudes involved. */
    private static void assertClose(Matrix actual, Matrix expected, double scale) {
        assertEquals(expected.shape(), actual.shape());
        double bound = 64 * Math.ulp(1.0) * Math.max(1.0, scale);
        double diff = actual.maxAbsDiff(expected);
        assertTrue(diff <= bound, "max |actual - expected| " + diff + " > " + bound + " for " + actual.shape());
    }

    @Property(tries = 300)
    void matmulAgreesWithCommonsMath(@ForAll("products") Tuple2<Matrix, Matrix> ab) {
        Matrix a = ab.get1();
        Matrix b = ab.get2();
        Matrix expected = fromOracle(oracle(a).multiply(oracle(b)));
        assertClose(a.matmul(b), expected, a.cols());
    }

    @Property(tries = 300)
    void fusedTransposeProductsAgreeWithCommonsMath(@ForAll("products") Tuple2<Matrix, Matrix> ab) {
        Matrix a = ab.get1();
        Matrix b = ab.get2();
        // a^T used as left operand of a product with something of a's row count, and b^T on the right.
        Matrix c = b.transpose(); // (m, k): a (n, k) @ c^T (k, m)
        assertClose(a.matmulTranspose(c), fromOracle(oracle(a).multiply(oracle(c).transpose())), a.cols());
        Matrix at = a.transpose(); // (k, n): at^T (n, k) @ b (k, m)
        assertClose(at.transposeMatmul(b), fromOracle(oracle(at).transpose().multiply(oracle(b))), a.cols());
    }

    @Property(tries = 300)
    void transposeAgreesWithCommonsMath(@ForAll("small") Matrix a) {
        assertEquals(fromOracle(oracle(a).transpose()), a.transpose());
        assertEquals(a, a.transpose().transpose());
    }

    @Property(tries = 300)
    void transposeOfProductIsProductOfTransposesReversed(@ForAll("products") Tuple2<Matrix, Matrix> ab) {
        Matrix a = ab.get1();
        Matrix b = ab.get2();
        assertClose(a.matmul(b).transpose(), b.transpose().matmul(a.transpose()), a.cols());
    }

    @Property(tries = 300)
    void broadcastingEqualsExplicitTiling(@ForAll("broadcasting") Tuple2<Matrix, Matrix> ab) {
        Matrix a = ab.get1();
        Matrix b = ab.get2();
        int r = Math.max(a.rows(), b.rows());
        int c = Math.max(a.cols(), b.cols());
        Matrix ta = tile(a, r, c);
        Matrix tb = tile(b, r, c);
        assertEquals(Matrix.generate(r, c, (i, j) -> ta.get(i, j) + tb.get(i, j)), a.add(b));
        assertEquals(Matrix.generate(r, c, (i, j) -> ta.get(i, j) - tb.get(i, j)), a.sub(b));
        assertEquals(Matrix.generate(r, c, (i, j) -> ta.get(i, j) * tb.get(i, j)), a.mul(b));
        assertEquals(Matrix.generate(r, c, (i, j) -> ta.get(i, j) / tb.get(i, j)), a.div(b));
    }

    private static Matrix tile(Matrix m, int r, int c) {
        return Matrix.generate(r, c, (i, j) -> m.get(m.rows() == 1 ? 0 : i, m.cols() == 1 ? 0 : j));
    }

    @Property(tries = 300)
    void reductionsAgreeWithNaiveLoops(@ForAll("small") Matrix a) {
        int r = a.rows();
        int c = a.cols();
        double[] colSum = new double[c];
        double[] rowSum = new double[r];
        double[] rowMax = new double[r];
        int[] rowArg = new int[r];
        double total = 0;
        for (int i = 0; i < r; i++) {
            rowMax[i] = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                double v = a.get(i, j);
                colSum[j] += v;
                rowSum[i] += v;
                total += v;
                if (v > rowMax[i]) {
                    rowMax[i] = v;
                    rowArg[i] = j;
                }
            }
        }
        assertEquals(Matrix.row(colSum), a.sum(0));
        assertEquals(Matrix.column(rowSum), a.sum(1));
        assertEquals(total, a.sum(), 1e-12 * r * c);
        assertEquals(Matrix.column(rowMax), a.max(1).values());
        assertArrayEquals(rowArg, a.max(1).indices());
        assertEquals(a.transpose().max(1).values().transpose(), a.max(0).values());
        assertClose(a.mean(0), Matrix.row(colSum).scale(1.0 / r), 3);
        assertClose(a.mean(1), Matrix.column(rowSum).scale(1.0 / c), 3);
        if (r >= 2) {
            double[] var = new double[c];
            for (int j = 0; j < c; j++) {
                double mean = colSum[j] / r;
                for (int i = 0; i < r; i++) {
                    var[j] += (a.get(i, j) - mean) * (a.get(i, j) - mean);
                }
                var[j] /= r - 1;
            }
            assertClose(a.var(0), Matrix.row(var), 9);
            assertEquals(a.var(0), Fused.varianceAbout(a, a.mean(0)));
            assertClose(Fused.varianceAbout(a, a.mean(0).plus(0.5)), Matrix.row(var).plus(0.25 * r / (r - 1.0)), 9);
        }
    }

    @Property(tries = 200)
    void gatherPickScatterAndOneHotAgreeWithLoops(@ForAll("small") Matrix table,
                                                  @ForAll("seeds") long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        int k = 1 + rnd.nextInt(12);
        int[] idx = rnd.ints(k, 0, table.rows()).toArray();
        Matrix g = table.gatherRows(idx);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < table.cols(); j++) {
                assertEquals(table.get(idx[i], j), g.get(i, j));
            }
        }
        Matrix back = g.scatterAddRows(idx, table.rows());
        for (int row = 0; row < table.rows(); row++) {
            for (int j = 0; j < table.cols(); j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    if (idx[i] == row) {
                        s += g.get(i, j);
                    }
                }
                assertEquals(s, back.get(row, j));
            }
        }
        int[] cols = rnd.ints(table.rows(), 0, table.cols()).toArray();
        Matrix picked = table.pick(cols);
        Matrix oneHot = Matrix.oneHot(cols, table.cols());
        for (int i = 0; i < table.rows(); i++) {
            assertEquals(table.get(i, cols[i]), picked.get(i, 0));
            assertEquals(1.0, oneHot.sum(1).get(i, 0));
            assertEquals(1.0, oneHot.get(i, cols[i]));
        }
    }

    @Property(tries = 200)
    void sideBySideGatherAndBlockScatterHaveTheBitsOfGatherReshapeAndScatter(
            @ForAll("small") Matrix table, @ForAll("seeds") long seed) {
        // the embedding's fused pair against the notebook's two steps (emb = C[Xb]; embcat = emb.view(n, -1)),
        // with indices drawn from few rows so that repeats accumulate
        java.util.Random rnd = new java.util.Random(seed);
        int n = 1 + rnd.nextInt(6);
        int b = 1 + rnd.nextInt(4);
        IntMatrix xb = IntMatrix.of(n, b, rnd.ints(n * b, 0, Math.min(table.rows(), 3)).toArray());
        Matrix embcat = Fused.gatherRowsSideBySide(table, xb);
        assertEquals(table.gatherRows(xb).reshape(n, b * table.cols()), embcat);
        Matrix dembcat = Matrix.generate(n, b * table.cols(), (i, j) -> Math.sin(seed + 7 * i + 3.1 * j));
        assertEquals(dembcat.reshape(n * b, table.cols()).scatterAddRows(xb.toArray(), table.rows()),
                Fused.scatterAddRowBlocks(dembcat, xb, table.rows()));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    @Property(tries = 200)
    void reshapeKeepsRowMajorOrder(@ForAll("small") Matrix a) {
        Matrix flat = a.reshape(1, a.size());
        assertArrayEquals(a.toArray(), flat.toArray());
        assertEquals(a, flat.reshape(a.rows(), a.cols()));
    }

    @Property(tries = 200)
    void elementWiseMapsAgreeWithMath(@ForAll("positive") Matrix a) {
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                double x = a.get(i, j);
                assertEquals(Math.exp(x), a.exp().get(i, j));
                assertEquals(Math.log(x), a.log().get(i, j));
                assertEquals(FastTanh.tanh(x), a.tanh().get(i, j));
                // the fast forms are within 2 ulps of Math.pow
                assertEquals(Math.pow(x, -0.5), a.pow(-0.5).get(i, j), 2 * Math.ulp(Math.pow(x, -0.5)));
                assertEquals(Math.pow(x, -1), a.pow(-1).get(i, j), 2 * Math.ulp(Math.pow(x, -1)));
                assertEquals(Math.pow(x, 1.5), a.pow(1.5).get(i, j));
                assertEquals(x * x, a.pow(2).get(i, j));
                assertEquals(-x, a.neg().get(i, j));
                assertEquals(3.5 * x, a.scale(3.5).get(i, j));
                assertEquals(x + 0.25, a.plus(0.25).get(i, j));
            }
        }
    }

    @Provide
    Arbitrary<Matrix> positive() {
        return MatrixArbitraries.matrices(6, 6, 0.1, 4);
    }

    @Property(tries = 100)
    void withChangesOneElementAndLeavesTheOriginal(@ForAll("small") Matrix a) {
        Matrix copy = Matrix.from(a.toArray2D());
        Matrix b = a.with(a.rows() - 1, 0, 42.0);
        assertEquals(copy, a);
        assertEquals(42.0, b.get(a.rows() - 1, 0));
        assertEquals(a.sum() - a.get(a.rows() - 1, 0), b.sum() - 42.0, 1e-12);
    }

    @Property(tries = 100)
    void equalMatricesHaveEqualHashesAndReadableText(@ForAll("small") Matrix a) {
        Matrix b = Matrix.from(a.toArray2D());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.toString().startsWith("Matrix(" + a.rows() + ", " + a.cols() + ")"), a.toString());
        assertNotEquals(a, a.plus(1.0));
    }

    @Property(tries = 100)
    void generatedMatricesAreNotDegenerate(@ForAll("small") Matrix a) {
        // The generators must never hand out the all-equal inputs that hide wrong derivatives.
        if (a.size() > 1) {
            assertTrue(a.maxAbsDiff(Matrix.full(a.rows(), a.cols(), a.get(0, 0))) > 0.0);
        }
    }
}
