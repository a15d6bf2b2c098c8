package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The workbook's judge on three implementations: the reference passes everything, the blank is
 * "not yet" everywhere, and typical mistakes are each reported with a shrunk case.
 */
class JudgeTest {

    @Test
    void theReferencePassesEveryGradientOnTheBatchAndOverGeneratedCases() {
        Judge.Verdict v = Judge.judge(ReferenceExercises.INSTANCE);
        System.out.println(v.render());
        assertEquals(28, v.count(Judge.Status.PASS), v.render());
        assertEquals(28, v.outcomes().size(), v.render());
        assertTrue(v.passed(), v.render());
    }

    @Test
    void theBlankIsNotYetEverywhereAndNoLawRuns() {
        Judge.Verdict v = Judge.judge(new BlankExercises());
        assertEquals(28, v.count(Judge.Status.NOT_YET), v.render());
        assertTrue(v.outcomes().isEmpty(), v.render());
        assertEquals(28, v.render().split("\\| not yet\n", -1).length - 1, v.render());
    }

    @Test
    void typicalMistakesAreEachReportedWithTheirShrunkCase() {
        Judge.Verdict v = Judge.judge(new TypicalMistakes());
        String out = v.render();
        System.out.println(out);
        Map<String, Judge.Outcome> byGradient = v.outcomes().stream()
                .collect(Collectors.toMap(Judge.Outcome::gradient, Function.identity()));
        assertEquals(4, byGradient.size(), out);
        for (Judge.Outcome o : byGradient.values()) {
            assertFalse(o.passed(), out);
            assertTrue(o.message().contains("case: ") && o.message().contains("reread docs/derivations.md"), out);
        }
        assertTrue(byGradient.get("dlogprobs").passedOnBatch(), out);
        assertTrue(out.contains("dlogprobs: FAIL -- it passes on the notebook's batch but FAILS"), out);
        assertFalse(byGradient.get("dC").passedOnBatch(), out);
        assertEquals(3, v.count(Judge.Status.FAIL), out);
    }
}
