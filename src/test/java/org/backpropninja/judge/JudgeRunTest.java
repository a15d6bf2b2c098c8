package org.backpropninja.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.backpropninja.matrix.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The judge outside a jqwik property (plain JUnit tests, as a user's first test would be): a right
 * backward passes every case, a wrong one is rejected and shrunk to the smallest sizes, a kink is
 * inconclusive rather than FAIL, and a backward that cannot be judged is named.
 */
class JudgeRunTest {

    static final LayerSpec LOG = LayerSpec.named("Log").dim("n").dim("d")
            .input("x", "n", "d", Domain.positive())
            .forward(in -> in.get("x").log())
            .backward((in, dy) -> Map.of("x", dy.div(in.get("x"))));

    /** The power rule applied to log: 1/x^2 instead of 1/x. */
    static final LayerSpec LOG_WRONG = LOG.withBackward("Log, 1/x^2",
            (in, dy) -> Map.of("x", dy.div(in.get("x").mul(in.get("x")))));

    @Test
    void aRightBackwardPassesEveryCase() {
        Judgement j = Judge.of(LOG).tries(50).run().assertPassed();
        assertEquals(50, j.tries());
        assertTrue(j.describe().startsWith("Log: pass on 50 generated cases (seed "), j.describe());
    }

    @Test
    void aWrongBackwardIsRejectedAtTheFirstCaseAndShrunkToTheSmallestSizes() {
        Judgement j = Judge.of(LOG_WRONG).seed(7).run().assertRejected();
        assertEquals(1, j.tries(), "every case shows the slip");
        assertEquals(Map.of("n", 1, "d", 1), j.shrunk().theCase().dims());
        String text = j.describe();
        assertTrue(text.contains("Log, 1/x^2: FAIL") && text.contains("worst element (0, 0): yours")
                && text.contains("finite differences (expected) | yours"), text);
        // the shrunk case's numbers: yours is G / x^2, the finite difference G / x
        LayerCase c = j.shrunk().theCase();
        double x = c.inputs().get("x").get(0, 0);
        double g = c.G().get(0, 0);
        assertEquals(g / (x * x), j.shrunk().report().input("x").worstManual(), 1e-15);
        assertEquals(g / x, j.shrunk().report().input("x").worstNumeric(), 1e-9);
    }

    @Test
    void theSameSeedRepeatsTheRun() {
        assertEquals(Judge.of(LOG_WRONG).seed(11).run().shrunk().theCase().toString(),
                Judge.of(LOG_WRONG).seed(11).run().shrunk().theCase().toString());
    }

    @Test
    void aPassIsNotARejection() {
        AssertionError e = assertThrows(AssertionError.class, () -> Judge.of(LOG).tries(5).run().assertRejected());
        assertTrue(e.getMessage().startsWith("expected Log to be rejected, but Log: pass"), e.getMessage());
    }

    /**
     * ReLU at x = 0 exactly: a kink, where no derivative exists, and the usual convention relu'(0) = 0
     * is a slope between the one-sided ones (0 and 1), not a mistake. The symmetric stencil says 1/2.
     */
    static final LayerSpec RELU_AT_ZERO = LayerSpec.named("ReLU at 0").dim("n")
            .input("x", "n", "1", Domain.of("exactly 0", s -> Arbitraries.just(Matrix.zeros(s.rows(), s.cols()))))
            .forward(in -> in.get("x").map(v -> Math.max(v, 0)))
            .backward((in, dy) -> Map.of("x", dy.mul(in.get("x").map(v -> v > 0 ? 1 : 0))));

    @Test
    void aKinkIsInconclusiveWithItsReasonNeverFail() {
        Judgement j = Judge.of(RELU_AT_ZERO).seed(3).tries(10).run();
        assertEquals(Verdict.Outcome.INCONCLUSIVE, j.shrunk().outcome());
        assertTrue(j.describe().contains("a kink"), j.describe());
        AssertionError e = assertThrows(AssertionError.class, j::assertRejected);
        assertTrue(e.getMessage().contains("inconclusive"), e.getMessage());
    }

    @Test
    void aGradientOfTheWrongShapeIsInvalidAndNamed() {
        Judgement j = Judge.of(LOG.withBackward("Log, transposed", (in, dy) -> Map.of("x", dy.transpose())))
                .seed(5).run();
        assertEquals(Verdict.Outcome.INVALID, j.shrunk().outcome());
        assertTrue(j.describe().contains("the backward's dx is (") && j.describe().contains(" but x is ("),
                j.describe());
    }

    @Test
    void aMissingGradientIsInvalidAndNamed() {
        LayerSpec twoInputs = LayerSpec.named("Mul").dim("n").input("a", "n", "1").input("b", "n", "1")
                .forward(in -> in.get("a").mul(in.get("b")))
                .backward((in, dy) -> Map.of("a", dy.mul(in.get("b"))));
        Verdict v = Judge.of(twoInputs).seed(1).run().shrunk();
        assertEquals("the backward returned no gradient for b (it returned [a])", v.reason());
    }

    @Test
    void aSpecRefusesUnknownDimensionsRepeatedNamesAndMissingParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.named("L").dim("n").input("x", "n", "m"));
        assertTrue(e.getMessage().contains("'m'") && e.getMessage().contains("[n]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerSpec.named("L").dim("n").input("n", "n", "1"));
        assertTrue(e.getMessage().contains("'n' is already a dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Judge.of(LayerSpec.named("L").dim("n")));
        assertTrue(e.getMessage().contains("needs at least one input, a forward and a backward"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerSpec.named("L").dim("n", 0, 3));
        assertTrue(e.getMessage().contains("1 <= min <= max"), e.getMessage());
    }
}
