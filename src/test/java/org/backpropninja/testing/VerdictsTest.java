package org.backpropninja.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.junit.jupiter.api.Test;

/** assertRejected accepts only a check that was made and failed: not a pass, not an invalid report. */
class VerdictsTest {

    private static final Matrix X = Matrix.of(2, 2, 0.3, -0.7, 1.1, 0.45);
    private static final Matrix G = Matrix.of(2, 2, 0.5, -0.25, 0.8, -0.6);

    /** The square x^2 with the given backward. */
    private static Report square(Matrix x, Matrix g, boolean rightBackward) {
        return GradientChecker.checkVjp("square", in -> in.get(0).mul(in.get(0)),
                (in, up) -> List.of(in.get(0).scale(rightBackward ? 2 : 3).mul(up)), List.of(x), g, Tolerance.DEFAULT);
    }

    @Test
    void aValidReportWithAFailingElementIsARejection() {
        Verdicts.assertRejected(square(X, G, false));
    }

    @Test
    void aPassingReportIsNotARejection() {
        assertThrows(AssertionError.class, () -> Verdicts.assertRejected(square(X, G, true)));
    }

    @Test
    void aCheckThatCouldNotBeMadeIsNotARejection() {
        Report nan = square(X.with(0, 1, Double.NaN), G, false);
        assertThrows(AssertionError.class, () -> Verdicts.assertRejected(nan));
    }
}
