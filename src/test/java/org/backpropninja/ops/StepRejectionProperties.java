package org.backpropninja.ops;

import static org.backpropninja.testing.Verdicts.assertRejected;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.StepCheck;
import org.backpropninja.testing.VjpCase;

/**
 * The step checks can fail: the same checker, on the same kind of inputs, REJECTS a backward with a
 * typical mistake. Without these, a checker that always passed would make {@link StepProperties}
 * worthless.
 */
class StepRejectionProperties {

    private static final Tolerance TOL = Tolerance.DEFAULT;

    /** Rows of at least two columns with the arg-max lifted clear of ties. */
    @Provide
    Arbitrary<VjpCase> rowMaxCases() {
        return VjpCase.of(Combinators.combine(
                        MatrixArbitraries.shapes(1, 12, 2, 12).flatMap(s -> MatrixArbitraries.matrix(s, -2, 2)),
                        MatrixArbitraries.values(0.05, 0.5))
                .as(MatrixArbitraries::liftRowMax).map(List::of), in -> new Shape(in.get(0).rows(), 1));
    }

    @Property(tries = 200)
    void rowMaxGradientSentToEveryElementIsRejected(@ForAll("rowMaxCases") VjpCase c) {
        assertRejected(StepCheck.unary("RowMax, gradient to every element", RowMax::forward, RowMax.Forward::out,
                (f, g) -> Matrix.zeros(f.x().rows(), f.x().cols()).add(g), c));
    }

    @Provide
    Arbitrary<VjpCase> positiveValues() {
        return VjpCase.elementWise(MatrixArbitraries.matrices(12, 12, 0.2, 3));
    }

    @Property(tries = 200)
    void inverseWithTheWrongSignIsRejected(@ForAll("positiveValues") VjpCase c) {
        assertRejected(StepCheck.unary("x^-1, wrong sign", x -> Pow.forward(x, -1.0), Pow.Forward::out,
                (f, g) -> f.x().map(x -> 1.0 / (x * x)).mul(g), c));
    }

    @Property(tries = 200)
    void tanhDerivativeTakenAtTheInputIsRejected(@ForAll("positiveValues") VjpCase c) {
        assertRejected(StepCheck.unary("tanh, 1 - x^2 instead of 1 - y^2", Tanh::forward, Tanh.Forward::out,
                (f, g) -> f.x().map(x -> 1.0 - x * x).mul(g), c));
    }

    /**
     * a (n, k) @ b (k, k): square b, so that the wrong da = dout @ b (no transpose) type-checks; k >= 2
     * and twelve-decimal entries, so b is not symmetric by chance (a symmetric b would hide the slip).
     */
    @Provide
    Arbitrary<VjpCase> squareMatmulCases() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(2, 12))
                .as((n, k) -> new Shape[] {new Shape(n, k), new Shape(k, k)})
                .flatMap(s -> VjpCase.of(Combinators.combine(MatrixArbitraries.awayFromZero(s[0], 0.05, 1),
                                MatrixArbitraries.awayFromZero(s[1], 0.05, 1)).as(List::of),
                        in -> new Shape(in.get(0).rows(), in.get(1).cols())));
    }

    @Property(tries = 200)
    void matmulWithAMissingTransposeIsRejected(@ForAll("squareMatmulCases") VjpCase c) {
        assertRejected(StepCheck.binary("MatMul, da = dout @ b", MatMul::forward, MatMul.Forward::out,
                (f, g) -> List.of(g.matmul(f.b()), f.a().transposeMatmul(g)), d -> d.get(0), d -> d.get(1), c));
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
        assertRejected(StepCheck.binary("bias add, db = first row of dout", BroadcastAdd::forward,
                BroadcastAdd.Forward::out, (f, g) -> List.of(g, g.gatherRows(new int[] {0})), d -> d.get(0),
                d -> d.get(1), c));
    }

    /** (r, c >= 2) summed along each row. */
    @Provide
    Arbitrary<VjpCase> rowSumCases() {
        return VjpCase.of(MatrixArbitraries.shapes(1, 12, 2, 12)
                .flatMap(s -> MatrixArbitraries.matrix(s, -2, 2)).map(List::of), in -> new Shape(in.get(0).rows(), 1));
    }

    @Property(tries = 200)
    void sumWithoutBroadcastingTheGradientBackIsRejected(@ForAll("rowSumCases") VjpCase c) {
        assertRejected(StepCheck.unary("row sum, gradient to the first column only", x -> SumAxis.forward(x, 1),
                SumAxis.Forward::out, (f, g) -> Matrix.generate(f.x().rows(), f.x().cols(),
                        (i, j) -> j == 0 ? g.get(i, 0) : 0.0), c));
    }

    /** A table and indices with at least one repeated index (the first and last positions match). */
    record GatherCase(Matrix C, IntMatrix Xb, Matrix G) {
    }

    @Provide
    Arbitrary<GatherCase> repeatedIndexCases() {
        return Combinators.combine(MatrixArbitraries.shapes(12, 12), MatrixArbitraries.shapes(2, 12, 1, 4))
                .as((t, x) -> new Shape[] {t, x})
                .flatMap(s -> Combinators.combine(MatrixArbitraries.matrix(s[0], -1, 1),
                                MatrixArbitraries.indices(s[1], s[0].rows()).map(StepRejectionProperties::repeatFirst),
                                MatrixArbitraries.upstream(new Shape(s[1].rows() * s[1].cols(), s[0].cols())))
                        .as(GatherCase::new));
    }

    private static IntMatrix repeatFirst(IntMatrix x) {
        int[] v = x.toArray();
        v[v.length - 1] = v[0];
        return IntMatrix.of(x.rows(), x.cols(), v);
    }

    @Property(tries = 200)
    void gatherBackwardThatOverwritesRepeatedRowsIsRejected(@ForAll("repeatedIndexCases") GatherCase c) {
        assertRejected(GradientChecker.checkVjp("Gather, assignment instead of accumulation",
                in -> Gather.forward(in.get(0), c.Xb()).out(), (in, g) -> {
                    double[][] dC = new double[in.get(0).rows()][in.get(0).cols()];
                    int[] ix = c.Xb().toArray();
                    for (int k = 0; k < ix.length; k++) {
                        dC[ix[k]] = g.rowArray(k); // the bug: the last use of a row wins
                    }
                    return List.of(Matrix.from(dC));
                }, List.of(c.C()), c.G(), TOL));
    }
}
