package org.backpropninja.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.backpropninja.testing.Verdicts.assertRejected;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.math3.analysis.differentiation.FiniteDifferencesDifferentiator;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The judge judged: the checker passes right derivatives and rejects wrong ones.
 *
 * <p>Test function: y = tanh(A @ B) with A (n, k), B (k, m); its VJP is
 * dA = (G * (1 - y^2)) @ B^T, dB = A^T @ (G * (1 - y^2)).
 */
class GradientCheckerProperties {

    /** (A, B, G): a product pair and a random upstream gradient of the product's shape. */
    record Case(Matrix a, Matrix b, Matrix g) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(MatrixArbitraries.shapes(2, 6, 2, 6), Arbitraries_m())
                .as((s, m) -> List.of(s.rows(), s.cols(), m))
                .flatMap(d -> Combinators.combine(
                        MatrixArbitraries.matrix(new Shape(d.get(0), d.get(1)), -1, 1),
                        MatrixArbitraries.matrix(new Shape(d.get(1), d.get(2)), -1, 1),
                        MatrixArbitraries.matrix(new Shape(d.get(0), d.get(2)), -1, 1)).as(Case::new));
    }

    private static Arbitrary<Integer> Arbitraries_m() {
        return net.jqwik.api.Arbitraries.integers().between(2, 6);
    }

    private static Matrix forward(List<Matrix> in) {
        return in.get(0).matmul(in.get(1)).tanh();
    }

    private static List<Matrix> rightVjp(List<Matrix> in, Matrix g) {
        Matrix y = forward(in);
        Matrix dz = g.mul(y.mul(y).neg().plus(1.0));
        return List.of(dz.matmulTranspose(in.get(1)), in.get(0).transposeMatmul(dz));
    }

    private static Report check(Case c, GradientChecker.Vjp vjp) {
        return GradientChecker.checkVjp("tanh(A@B)", GradientCheckerProperties::forward, vjp,
                List.of(c.a(), c.b()), c.g(), Tolerance.DEFAULT);
    }

    @Property(tries = 200)
    void acceptsTheRightDerivative(@ForAll("cases") Case c) {
        Report r = check(c, GradientCheckerProperties::rightVjp).assertPassed();
        // The stencil is far more accurate than the tolerance: the margin the docs claim, on smooth O(1)
        // inputs (entries in [-1, 1], curvature scale about 1, far above the step 1e-3).
        assertTrue(r.maxAbsDiff() < 1e-9, r.describe());
    }

    @Property(tries = 200)
    void rejectsAWrongSign(@ForAll("cases") Case c) {
        assertRejected(check(c, (in, g) -> {
            List<Matrix> right = rightVjp(in, g);
            return List.of(right.get(0).neg(), right.get(1));
        }));
    }

    @Property(tries = 200)
    void rejectsAMissingFactor(@ForAll("cases") Case c) {
        // Forgets the local derivative of tanh: treats 1 - y^2 as 1.
        assertRejected(check(c, (in, g) -> List.of(g.matmulTranspose(in.get(1)), in.get(0).transposeMatmul(g)))
                );
    }

    @Property(tries = 200)
    void rejectsATransposedOperand(@ForAll("square") Case c) {
        // With square B the shapes agree, so only the values can tell: dA = dz @ B instead of dz @ B^T.
        assertRejected(check(c, (in, g) -> {
            Matrix y = forward(in);
            Matrix dz = g.mul(y.mul(y).neg().plus(1.0));
            return List.of(dz.matmul(in.get(1)), in.get(0).transposeMatmul(dz));
        }));
    }

    @Property(tries = 200)
    void rejectsABackwardThatIsRightOnlyForUnitUpstream(@ForAll("cases") Case c) {
        // Ignores G's values (uses ones): right when G = 1, wrong for the random G every check uses.
        assertRejected(check(c, (in, g) -> rightVjp(in, Matrix.ones(g.rows(), g.cols()))));
    }

    @Provide
    Arbitrary<Case> square() {
        return net.jqwik.api.Arbitraries.integers().between(2, 6).flatMap(k ->
                net.jqwik.api.Arbitraries.integers().between(1, 6).flatMap(n -> Combinators.combine(
                        MatrixArbitraries.matrix(new Shape(n, k), -1, 1),
                        MatrixArbitraries.matrix(new Shape(k, k), -1, 1)
                                .filter(b -> b.maxAbsDiff(b.transpose()) > 1e-3),
                        MatrixArbitraries.matrix(new Shape(n, k), -1, 1)).as(Case::new)));
    }

    @Property(tries = 200)
    void stencilAgreesWithCommonsMathFivePointDifferentiator(@ForAll @DoubleRange(min = -2, max = 2) double x,
                                                           @ForAll @DoubleRange(min = 0.5, max = 2) double w) {
        // f(x) = w * sin(x) * exp(x / 2), as a loss of a 1x1 matrix.
        GradientChecker.Loss loss = in -> w * Math.sin(in.get(0).get(0, 0)) * Math.exp(in.get(0).get(0, 0) / 2);
        double ours = GradientChecker.derivative(loss, List.of(Matrix.of(1, 1, x)), 0, 0, 0);
        double h = GradientChecker.STEP * Math.max(1, Math.abs(x));
        UnivariateDifferentiableFunction f = new FiniteDifferencesDifferentiator(5, h)
                .differentiate((double t) -> w * Math.sin(t) * Math.exp(t / 2));
        double theirs = f.value(new DerivativeStructure(1, 1, 0, x)).getPartialDerivative(1);
        double exact = w * Math.exp(x / 2) * (Math.cos(x) + Math.sin(x) / 2);
        assertEquals(theirs, ours, 1e-10);
        assertEquals(exact, ours, 1e-10);
    }

    @Example
    void nonFiniteInputsAndUpstreamAreReportedNeverPassed() {
        Matrix a = Matrix.of(2, 2, 0.1, -0.4, 0.7, 0.3);
        Matrix b = Matrix.of(2, 2, 0.5, 0.2, -0.6, 0.9);
        Matrix g = Matrix.of(2, 2, 0.3, -0.8, 0.6, 0.2);
        Report nanInput = check(new Case(a.with(0, 1, Double.NaN), b, g), GradientCheckerProperties::rightVjp);
        assertFalse(nanInput.passed());
        assertTrue(nanInput.describe().contains("non-finite"), nanInput.describe());
        Report infUpstream = check(new Case(a, b, g.with(1, 1, Double.POSITIVE_INFINITY)),
                GradientCheckerProperties::rightVjp);
        assertFalse(infUpstream.passed());
        Report nanManual = check(new Case(a, b, g), (in, gg) -> {
            List<Matrix> right = rightVjp(in, gg);
            return List.of(right.get(0).with(0, 0, Double.NaN), right.get(1));
        });
        assertFalse(nanManual.passed());
        AssertionError e = assertThrows(AssertionError.class, nanManual::assertPassed);
        assertTrue(e.getMessage().contains("#0") && e.getMessage().contains("(0, 0)"), e.getMessage());
        Report nanLoss = GradientChecker.checkGradient("nan loss", in -> Double.NaN, List.of(a), List.of(a),
                Tolerance.DEFAULT);
        assertFalse(nanLoss.passed());
    }

    @Example
    void failureMessageNamesOpInputElementAndBothValues() {
        Case c = new Case(Matrix.of(1, 2, 0.2, -0.3), Matrix.of(2, 2, 0.4, 0.1, -0.5, 0.8), Matrix.of(1, 2, 0.7, -0.2));
        Report r = check(c, (in, g) -> {
            List<Matrix> right = rightVjp(in, g);
            return List.of(right.get(0), right.get(1).with(1, 0, right.get(1).get(1, 0) + 0.5));
        });
        String m = assertThrows(AssertionError.class, r::assertPassed).getMessage();
        assertTrue(m.contains("tanh(A@B)") && m.contains("#1") && m.contains("(1, 0)")
                && m.contains("manual") && m.contains("numeric"), m);
        assertEquals(1, r.inputs().get(1).failures());
        assertTrue(r.inputs().get(0).passed());
    }

    @Example
    void mismatchedGradientShapeIsAnArgumentError() {
        Matrix a = Matrix.of(1, 2, 0.2, -0.3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                GradientChecker.checkGradient("f", in -> in.get(0).sum(), List.of(a), List.of(a.transpose()),
                        Tolerance.DEFAULT));
        assertTrue(e.getMessage().contains("(1, 2)") && e.getMessage().contains("(2, 1)"), e.getMessage());
    }
}
