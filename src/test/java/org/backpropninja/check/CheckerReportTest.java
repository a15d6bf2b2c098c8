package org.backpropninja.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.junit.jupiter.api.Test;

/**
 * What the checker's report says, figure by figure: the worst element is the one closest to (or
 * furthest past) its own tolerance, not the one with the largest raw difference; the relative error
 * of an exact zero is 0, not NaN; an exact match passes even with no absolute tolerance; the step
 * grows with |x| so a large coordinate is still differentiated accurately.
 */
class CheckerReportTest {

    /** L = 100 x0 + 0.01 x1 on a (1, 2) input: exact gradient (100, 0.01). */
    static final GradientChecker.Loss LINEAR = in -> 100 * in.get(0).get(0, 0) + 0.01 * in.get(0).get(0, 1);
    static final Matrix X = Matrix.row(0.3, -0.2);

    @Test
    void theWorstElementIsTheOneClosestToItsTolerance() {
        // errors 1e-9 on the large entry (1e-5 of what it may use) and 1e-10 on the small one (half a percent)
        Report r = GradientChecker.checkGradient("linear", List.of("x"), LINEAR, List.of(X),
                List.of(Matrix.row(100 + 1e-9, 0.01 + 1e-10)), Tolerance.DEFAULT).assertPassed();
        InputReport x = r.input("x");
        assertEquals(0, x.worstRow());
        assertEquals(1, x.worstCol(), x.describe());
        assertEquals(0.01 + 1e-10, x.worstManual());
        assertEquals(1e-9, r.maxAbsDiff(), 1e-11);
        assertEquals(1e-8, r.maxRelError(), 1e-9);
        assertEquals(x.maxRelError(), r.maxRelError());
        assertTrue(x.describe().contains(": pass,"), x.describe());
    }

    @Test
    void exactZerosHaveZeroRelativeErrorAndPassWithoutAbsoluteTolerance() {
        GradientChecker.Loss onlyFirst = in -> 100 * in.get(0).get(0, 0);
        Report r = GradientChecker.checkGradient("first only", List.of("x"), onlyFirst, List.of(X),
                List.of(Matrix.row(100, 0)), new Tolerance(1e-6, 0.0));
        assertTrue(r.passed(), r.describe());
        assertEquals(0.0, r.input("x").maxRelError(), 1e-12);
    }

    @Test
    void whenEveryElementMatchesExactlyTheFirstIsNamedWorst() {
        Report r = GradientChecker.checkGradient("constant", List.of("x"), in -> 5.0,
                List.of(Matrix.of(2, 2, 0.1, 0.2, 0.3, 0.4)), List.of(Matrix.zeros(2, 2)), Tolerance.DEFAULT);
        assertTrue(r.passed());
        assertEquals(0, r.input("x").worstRow());
        assertEquals(0, r.input("x").worstCol());
        assertEquals(0.0, r.maxAbsDiff());
        assertEquals(0.0, r.maxRelError());
    }

    @Test
    void reportsAreLookedUpByInputNameAndAFailingOneSaysFail() {
        Report r = GradientChecker.checkGradient("two", List.of("a", "b"),
                in -> 100 * in.get(0).get(0, 0) + 3 * in.get(1).get(0, 0),
                List.of(Matrix.row(0.5), Matrix.row(0.25)), List.of(Matrix.row(100), Matrix.row(4)), Tolerance.DEFAULT);
        assertTrue(r.input("a").passed());
        assertFalse(r.input("b").passed());
        assertEquals(3.0, r.input("b").worstNumeric(), 1e-9);
        assertTrue(r.input("b").describe().startsWith("b (1, 1): FAIL,"), r.input("b").describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.input("c"));
        assertTrue(e.getMessage().contains("c") && e.getMessage().contains("two"), e.getMessage());
        assertEquals(1.0, r.maxAbsDiff(), 1e-9);
        assertEquals(0.25, r.maxRelError(), 1e-9);
    }

    @Test
    void theStepGrowsWithTheCoordinateSoLargeValuesAreStillAccurate() {
        GradientChecker.Loss square = in -> in.get(0).get(0, 0) * in.get(0).get(0, 0);
        for (double x0 : new double[] {1e6, -3e7}) {
            double d = GradientChecker.derivative(square, List.of(Matrix.row(x0)), 0, 0, 0);
            assertEquals(2 * x0, d, 1e-9 * Math.abs(2 * x0), "at " + x0);
        }
    }
}
