package org.backpropninja.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;

/**
 * The checker's rule for elements that miss at the first step (see {@link GradientChecker}): a
 * right derivative is never FAIL -- where the first step leaves the domain, where the function is
 * curved on a finer scale than the step, and at a kink -- while a wrong derivative at the same
 * places is still a real failure.
 */
class StepShrinkingProperties {

    private static final Tolerance TOL = Tolerance.DEFAULT;

    private static Report check(GradientChecker.Loss loss, double x, double manual) {
        return GradientChecker.checkGradient("f", List.of("x"), loss, List.of(Matrix.row(x)),
                List.of(Matrix.row(manual)), TOL);
    }

    /** g (x + 1e-5)^-1/2, batchnorm's inverse deviation as a function of the variance. */
    private static GradientChecker.Loss inverseSqrt(double g) {
        return in -> g * Math.pow(in.get(0).get(0, 0) + 1e-5, -0.5);
    }

    private static double inverseSqrtDerivative(double g, double x) {
        return -0.5 * g * Math.pow(x + 1e-5, -1.5);
    }

    @Property(tries = 200)
    void aVarianceNearZeroWhereTheFirstStepLeavesTheDomainPasses(
            @ForAll @DoubleRange(min = 0, max = 2e-3) @Scale(8) double v, @ForAll @DoubleRange(min = 0.5, max = 2) double g) {
        // the first step is 1e-3: x - 2h < -1e-5 for every v below 2e-3, so (x + 1e-5)^-1/2 is NaN there
        Report r = check(inverseSqrt(g), v, inverseSqrtDerivative(g, v));
        assertTrue(r.passed(), r.describe());
    }

    @Example
    void atAVarianceOfExactlyZeroTheFirstStepAloneGivesNaNButTheElementPasses() {
        assertTrue(Double.isNaN(GradientChecker.derivative(inverseSqrt(1.0), List.of(Matrix.row(0.0)), 0, 0, 0)));
        Report r = check(inverseSqrt(1.0), 0.0, inverseSqrtDerivative(1.0, 0.0)).assertPassed();
        assertEquals(inverseSqrtDerivative(1.0, 0.0), r.input("x").worstNumeric(),
                1e-7 * Math.abs(inverseSqrtDerivative(1.0, 0.0)));
    }

    @Property(tries = 200)
    void aWrongDerivativeNearZeroVarianceIsStillAFailure(
            @ForAll @DoubleRange(min = 0, max = 2e-3) @Scale(8) double v, @ForAll @DoubleRange(min = 0.5, max = 2) double g) {
        // the power rule's classic slip: exponent -1/2 kept instead of lowered to -3/2
        Report r = check(inverseSqrt(g), v, -0.5 * g * Math.pow(v + 1e-5, -0.5));
        assertTrue(r.failed(), r.describe());
        // and one only 1e-4 relative off
        assertTrue(check(inverseSqrt(g), v, inverseSqrtDerivative(g, v) * (1 + 1e-4)).failed());
    }

    /** g tanh((x - c) / sigma): a batchnorm column of spread sigma, curved on that scale. */
    private static GradientChecker.Loss narrow(double g, double c, double sigma) {
        return in -> g * Math.tanh((in.get(0).get(0, 0) - c) / sigma);
    }

    private static double narrowDerivative(double g, double c, double sigma, double x) {
        double t = Math.tanh((x - c) / sigma);
        return g * (1 - t * t) / sigma;
    }

    @Property(tries = 200)
    void curvatureFinerThanTheStepIsResolvedBySmallerSteps(
            @ForAll @DoubleRange(min = 1e-5, max = 1e-3) @Scale(8) double sigma, @ForAll @DoubleRange(min = -2, max = 2) double u,
            @ForAll @DoubleRange(min = 0.5, max = 2) double g) {
        double c = 1.5;
        double x = c + sigma * u;
        Report r = check(narrow(g, c, sigma), x, narrowDerivative(g, c, sigma, x));
        assertTrue(r.passed(), r.describe());
        assertTrue(check(narrow(g, c, sigma), x, narrowDerivative(g, c, sigma, x) * (1 + 1e-4)).failed(),
                r.describe());
    }

    @Example
    void onANarrowColumnTheFirstStepAloneWouldHaveFailedTheRightDerivative() {
        double sigma = 1e-4;
        double x = 1.5 + 0.5 * sigma;
        double first = GradientChecker.derivative(narrow(1.0, 1.5, sigma), List.of(Matrix.row(x)), 0, 0, 0);
        double right = narrowDerivative(1.0, 1.5, sigma, x);
        assertTrue(Math.abs(first - right) > 10 * TOL.allowed(first, right), first + " vs " + right);
        check(narrow(1.0, 1.5, sigma), x, right).assertPassed();
    }

    @Example
    void aBatchNormColumnOfSpreadATenthAroundOneAndAHalfNeedsTheSmallerSteps() {
        // n = 4, mean 1.5, sample standard deviation 0.1: the curvature scale 0.1 is only 67 first steps
        // (1e-3 * 1.5) wide, and on this near-zero gradient element the first step alone misses the
        // tolerance 3.4 times over; the halved steps settle on the right value
        Matrix x = Matrix.column(1.4018566674693984, 1.6267009367798781, 1.4415228352435858, 1.5299195605071376);
        Matrix g = Matrix.column(0.887425313402509, -0.6159224221269355, 0.9381524510106836, 0.027098393502345663);
        Matrix gain = Matrix.row(1.0);
        Matrix bias = Matrix.row(0.0);
        GradientChecker.Loss loss = in -> g.mul(BatchNorm.forward(in.get(0), gain, bias).out()).sum();
        Matrix dx = BatchNorm.backward(BatchNorm.forward(x, gain, bias), g).dx();
        double first = GradientChecker.derivative(loss, List.of(x), 0, 1, 0);
        double used = Math.abs(first - dx.get(1, 0)) / TOL.allowed(first, dx.get(1, 0));
        assertTrue(used > 3 && used < 4, "first step used " + used + " of the tolerance");
        GradientChecker.checkGradient("BatchNorm", List.of("x"), loss, List.of(x), List.of(dx), TOL).assertPassed();
    }

    /** g max(x, y) with y held at t: a tie when x = t. */
    private static GradientChecker.Loss maxWith(double g, double t) {
        return in -> g * Math.max(in.get(0).get(0, 0), t);
    }

    @Property(tries = 200)
    void atATieEverySlopeBetweenTheOneSidedOnesIsInconclusiveNeverFailed(
            @ForAll @DoubleRange(min = -2, max = 2) double t, @ForAll @DoubleRange(min = 0.5, max = 2) double g,
            @ForAll @DoubleRange(min = 0, max = 1) double share) {
        // the one-sided slopes are 0 (left) and g (right); the notebook's max sends g to the first arg-max
        Report r = check(maxWith(g, t), t, share * g);
        assertFalse(r.failed(), r.describe());
        if (!r.passed()) {
            assertTrue(r.inconclusive(), r.describe());
            assertTrue(r.describe().contains("kink"), r.describe());
        }
        assertTrue(check(maxWith(g, t), t, g).inconclusive(), "the notebook's choice, all to the arg-max");
    }

    @Property(tries = 200)
    void atATieASlopeFarOutsideTheOneSidedOnesIsAFailure(
            @ForAll @DoubleRange(min = -2, max = 2) double t, @ForAll @DoubleRange(min = 0.5, max = 2) double g) {
        // central 0.5 g; the one-sided slopes differ by g; 2 g misses by 1.5 g, more than that spread
        assertTrue(check(maxWith(g, t), t, 2 * g).failed());
        assertTrue(check(maxWith(g, t), t, -g).failed());
    }

    @Example
    void aStepThatFitsTheCurvatureNowhereIsInconclusiveNeverFailed() {
        // g tanh((x - c) / sigma) at its centre with sigma = 1e-12: every step down to 1e-3 / 2^16 spans
        // the whole jump, so the estimate halves... doubles with every halving and never settles; the
        // function is odd about c, so the one-sided slopes agree and it is not taken for a kink
        double sigma = 1e-12;
        Report r = check(narrow(1.0, 0.5, sigma), 0.5, narrowDerivative(1.0, 0.5, sigma, 0.5));
        assertTrue(r.inconclusive(), r.describe());
        assertFalse(r.failed() || r.passed());
        assertTrue(r.describe().contains("did not settle"), r.describe());
    }

    @Example
    void passedAndFailedReportsAreNotInconclusive() {
        Report pass = check(inverseSqrt(1.0), 0.5, inverseSqrtDerivative(1.0, 0.5));
        Report fail = check(inverseSqrt(1.0), 0.5, 2 * inverseSqrtDerivative(1.0, 0.5));
        assertTrue(pass.passed() && !pass.failed() && !pass.inconclusive(), pass.describe());
        assertTrue(fail.failed() && !fail.passed() && !fail.inconclusive(), fail.describe());
        assertEquals("pass", pass.input("x").status());
        assertEquals("FAIL", fail.input("x").status());
    }

    @Example
    void anElementThatPassesAtTheFirstStepKeepsTheFirstStepsEstimate() {
        // the figures of every check that passed before the step-halving rule are unchanged
        GradientChecker.Loss loss = in -> Math.sin(3 * in.get(0).get(0, 0)) * Math.exp(in.get(0).get(0, 0));
        double x = 0.7;
        double right = Math.exp(x) * (3 * Math.cos(3 * x) + Math.sin(3 * x));
        Report r = check(loss, x, right).assertPassed();
        assertEquals(GradientChecker.derivative(loss, List.of(Matrix.row(x)), 0, 0, 0), r.input("x").worstNumeric());
        // and at a large coordinate, where the first step is 1e-3 |x|
        GradientChecker.Loss slow = in -> Math.sin(in.get(0).get(0, 0) / 10);
        double big = 30;
        Report far = check(slow, big, Math.cos(big / 10) / 10).assertPassed();
        assertEquals(GradientChecker.derivative(slow, List.of(Matrix.row(big)), 0, 0, 0), far.input("x").worstNumeric());
    }

    @Example
    void aLossThatIsNotFiniteAtAnyStepIsInconclusiveNamingTheDomain() {
        // log(x) at x = 0 is -infinity, but the report is invalid; at x = 1e-12 every step of the stencil
        // down to 1e-3 / 2^16 reaches below 0
        Report r = check(in -> Math.log(in.get(0).get(0, 0)), 1e-12, 1e12);
        assertTrue(r.inconclusive(), r.describe());
        assertTrue(r.describe().contains("domain"), r.describe());
        assertTrue(r.describe().contains("from 1.0e-03 down to 1.5e-08"), r.describe());
        assertEquals(1, r.input("x").inconclusive());
    }
}
