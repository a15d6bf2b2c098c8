package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * Every product kernel gives each output element exactly the bits of one chain of fused
 * multiply-adds in order of the inner index, starting from the bias (or zero): the contract that
 * lets the kernel block its rows and terms any way it likes (docs/speed.md, section "Products")
 * and keeps the default run's losses to the last bit. Shapes cover every row count modulo four
 * (the kernel's blocks of four rows and its one-, two- and three-row tails), odd and even inner
 * sizes, and short and long output rows (the transposed path of {@code transposeTimes}).
 */
class ProductBitsProperties {

    private static final RowSplit ALONE = RowSplit.alone();

    /** (n, k), (k, m) and a (1, m) bias; n from 1, so every tail occurs. */
    @Provide
    Arbitrary<Tuple3<Matrix, Matrix, Matrix>> operands() {
        return Combinators.combine(Arbitraries.integers().between(1, 13), Arbitraries.integers().between(1, 9),
                        Arbitraries.integers().between(1, 80))
                .as(Tuple::of)
                .flatMap(d -> Combinators.combine(
                        MatrixArbitraries.matrix(new Shape(d.get1(), d.get2()), -2, 2),
                        MatrixArbitraries.matrix(new Shape(d.get2(), d.get3()), -2, 2),
                        MatrixArbitraries.matrix(new Shape(1, d.get3()), -1, 1)).as(Tuple::of));
    }

    /** {@code start + sum_p a(i, p) * b(p, j)} as one fused multiply-add after another. */
    private static double chain(double start, double[] coefficients, double[][] b, int j) {
        double s = start;
        for (int p = 0; p < coefficients.length; p++) {
            s = Math.fma(coefficients[p], b[p][j], s);
        }
        return s;
    }

    private static void assertChains(Matrix expectedA, Matrix b, double[] start, Matrix actual) {
        double[][] a = expectedA.storage();
        double[][] bs = b.storage();
        for (int i = 0; i < actual.rows(); i++) {
            for (int j = 0; j < actual.cols(); j++) {
                double want = chain(start == null ? 0.0 : start[j], a[i], bs, j);
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(actual.get(i, j)),
                        () -> "element (" + actual.rows() + "x" + actual.cols() + ")");
            }
        }
    }

    @Property(tries = 150)
    void affineIsOneChainPerElement(@ForAll("operands") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix x = t.get1();
        Matrix w = t.get2();
        Matrix bias = t.get3();
        assertChains(x, w, bias.storage()[0], Fused.affine(x, w, bias));
    }

    @Property(tries = 150)
    void matmulAndItsTransposedFormsAreOneChainPerElement(@ForAll("operands") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix a = t.get1();
        Matrix b = t.get2();
        assertChains(a, b, null, Matrix.wrap(a.rows(), b.cols(), Products.times(ALONE, a.storage(), b.storage(),
                b.cols(), null)));
        // a @ (b^T)^T and (a^T)^T @ b: the kernels that read one operand transposed
        Matrix bt = b.transpose();
        assertChains(a, b, null, Matrix.wrap(a.rows(), b.cols(), Products.timesTransposed(ALONE, a.storage(),
                bt.storage())));
        Matrix at = a.transpose();
        assertChains(a, b, null, Matrix.wrap(a.rows(), b.cols(), Products.transposeTimes(ALONE, at.storage(),
                b.storage())));
    }
}
