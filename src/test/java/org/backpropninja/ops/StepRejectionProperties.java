package org.backpropninja.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The step checks can fail: the same checker, on the same kind of inputs, REJECTS a backward with a
 * typical mistake. Without these, a checker that always passed would make {@link StepProperties}
 * worthless.
 */
class StepRejectionProperties {

    private static final Tolerance TOL = Tolerance.DEFAULT;

    private static void assertRejected(Report r) {
        assertTrue(r.failed(), () -> "a wrong backward was not found failing: " + r.describe());
    }

    /** Rows of at least two columns with the arg-max lifted clear of ties. */
    @Provide
    Arbitrary<VjpCase> rowMaxCases() {
        return VjpCase.of(Combinators.combine(
                        MatrixArbitraries.shapes(1, 12, 2, 12).flatMap(s -> MatrixArbitraries.matrix(s, -2, 2)),
                        MatrixArbitraries.values(0.05, 0.5))
                .as(StepProperties::liftRowMax).map(List::of), in -> new Shape(in.get(0).rows(), 1));
    }

    @Property(tries = 200)
    void rowMaxGradientSentToEveryElementIsRejected(@ForAll("rowMaxCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("RowMax, gradient to every element",
                in -> RowMax.forward(in.get(0)).out(),
                (in, g) -> List.of(Matrix.zeros(in.get(0).rows(), in.get(0).cols()).add(g)),
                c.inputs(), c.G(), TOL));
    }

    @Provide
    Arbitrary<VjpCase> positiveValues() {
        return VjpCase.elementWise(MatrixArbitraries.matrices(12, 12, 0.2, 3));
    }

    @Property(tries = 200)
    void inverseWithTheWrongSignIsRejected(@ForAll("positiveValues") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("x^-1, wrong sign", in -> Pow.forward(in.get(0), -1.0).out(),
                (in, g) -> List.of(in.get(0).map(x -> 1.0 / (x * x)).mul(g)), c.inputs(), c.G(), TOL));
    }

    @Property(tries = 200)
    void tanhDerivativeTakenAtTheInputIsRejected(@ForAll("positiveValues") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("tanh, 1 - x^2 instead of 1 - y^2",
                in -> Tanh.forward(in.get(0)).out(),
                (in, g) -> List.of(in.get(0).map(x -> 1.0 - x * x).mul(g)), c.inputs(), c.G(), TOL));
    }

    /**
     * a (n, k) @ b (k, k): square b, so that the wrong da = dout @ b (no transpose) type-checks; k >= 2
     * and six-decimal entries, so b is not symmetric by chance (a symmetric b would hide the slip).
     */
    @Provide
    Arbitrary<VjpCase> squareMatmulCases() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(2, 12))
                .as((n, k) -> new Shape[] {new Shape(n, k), new Shape(k, k)})
                .flatMap(s -> VjpCase.of(Combinators.combine(VjpCase.fineMatrix(s[0], 0.05, 1, true),
                                VjpCase.fineMatrix(s[1], 0.05, 1, true)).as(List::of),
                        in -> new Shape(in.get(0).rows(), in.get(1).cols())));
    }

    @Property(tries = 200)
    void matmulWithAMissingTransposeIsRejected(@ForAll("squareMatmulCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("MatMul, da = dout @ b", in -> MatMul.forward(in.get(0), in.get(1)).out(),
                (in, g) -> List.of(g.matmul(in.get(1)), in.get(0).transposeMatmul(g)), c.inputs(), c.G(), TOL));
    }

    /** (n >= 2, c) plus a (1, c) bias row. */
    @Provide
    Arbitrary<VjpCase> biasCases() {
        return MatrixArbitraries.shapes(2, 16, 1, 12).flatMap(s -> VjpCase.of(
                Combinators.combine(MatrixArbitraries.matrix(s, -2, 2),
                        MatrixArbitraries.matrix(new Shape(1, s.cols()), -1, 1)).as(List::of),
                in -> s));
    }

    @Property(tries = 200)
    void biasAddWithoutSummingOverRowsIsRejected(@ForAll("biasCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("bias add, db = first row of dout",
                in -> BroadcastAdd.forward(in.get(0), in.get(1)).out(),
                (in, g) -> List.of(g, g.gatherRows(new int[] {0})), c.inputs(), c.G(), TOL));
    }

    /** (r, c >= 2) summed along each row. */
    @Provide
    Arbitrary<VjpCase> rowSumCases() {
        return VjpCase.of(MatrixArbitraries.shapes(1, 12, 2, 12)
                .flatMap(s -> MatrixArbitraries.matrix(s, -2, 2)).map(List::of), in -> new Shape(in.get(0).rows(), 1));
    }

    @Property(tries = 200)
    void sumWithoutBroadcastingTheGradientBackIsRejected(@ForAll("rowSumCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("row sum, gradient to the first column only",
                in -> SumAxis.forward(in.get(0), 1).out(),
                (in, g) -> List.of(Matrix.generate(in.get(0).rows(), in.get(0).cols(),
                        (i, j) -> j == 0 ? g.get(i, 0) : 0.0)), c.inputs(), c.G(), TOL));
    }

    /** A table and indices with at least one repeated index (the first and last positions match). */
    record EmbeddingCase(Matrix C, IntMatrix Xb, Matrix G) {
    }

    @Provide
    Arbitrary<EmbeddingCase> repeatedIndexCases() {
        return Combinators.combine(MatrixArbitraries.shapes(12, 12), MatrixArbitraries.shapes(2, 12, 1, 4))
                .as((t, x) -> new Shape[] {t, x})
                .flatMap(s -> Combinators.combine(MatrixArbitraries.matrix(s[0], -1, 1),
                                MatrixArbitraries.indices(s[1], s[0].rows()).map(StepRejectionProperties::repeatFirst),
                                VjpCase.upstream(new Shape(s[1].rows() * s[1].cols(), s[0].cols())))
                        .as(EmbeddingCase::new));
    }

    private static IntMatrix repeatFirst(IntMatrix x) {
        int[] v = x.toArray();
        v[v.length - 1] = v[0];
        return IntMatrix.of(x.rows(), x.cols(), v);
    }

    @Property(tries = 200)
    void embeddingBackwardThatOverwritesRepeatedRowsIsRejected(@ForAll("repeatedIndexCases") EmbeddingCase c) {
        assertRejected(GradientChecker.checkVjp("Embedding, assignment instead of accumulation",
                in -> Embedding.forward(in.get(0), c.Xb()).out(), (in, g) -> {
                    double[][] dC = new double[in.get(0).rows()][in.get(0).cols()];
                    int[] ix = c.Xb().toArray();
                    for (int k = 0; k < ix.length; k++) {
                        dC[ix[k]] = g.rowArray(k); // the bug: the last use of a row wins
                    }
                    return List.of(Matrix.from(dC));
                }, List.of(c.C()), c.G(), TOL));
    }
}
