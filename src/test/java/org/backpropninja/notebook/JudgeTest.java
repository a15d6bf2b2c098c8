package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpropninja.nn.BatchNormLaws;
import org.backpropninja.nn.CrossEntropyLaws;
import org.junit.jupiter.api.Test;

/**
 * The workbook's judge on three implementations: the reference passes everything, the blank is
 * "not yet" everywhere, and typical mistakes are each reported with a shrunk case.
 */
class JudgeTest {

    /** Every gradient the judge judges: Exercise 1's line per tensor of the table, then Exercise 2's and 3's. */
    static final int ALL = Tensor.values().length + 2;

    /** The judge sends the learner to a section of docs/derivations.md by its heading: each must exist. */
    @Test
    void everySectionTheJudgeNamesIsAHeadingOfTheDerivations() throws IOException {
        List<String> headings = Files.readAllLines(Path.of("docs/derivations.md")).stream()
                .filter(l -> l.startsWith("#")).map(l -> l.replaceFirst("^#+ ", "")).toList();
        for (Tensor t : StagedChain.CMP_ORDER) {
            assertTrue(headings.contains(t.section().heading()), t + ": " + t.section().heading());
        }
        assertTrue(headings.contains(CrossEntropyLaws.SECTION), CrossEntropyLaws.SECTION);
        assertTrue(headings.contains(BatchNormLaws.SECTION), BatchNormLaws.SECTION);
    }

    @Test
    void theReferencePassesEveryGradientOnTheBatchAndOverGeneratedCases() {
        Judge.Verdict v = Judge.judge(ReferenceExercises.INSTANCE);
        System.out.println(v.render());
        assertEquals(ALL, v.count(Judge.Status.PASS), v.render());
        assertEquals(ALL, v.outcomes().size(), v.render());
        assertTrue(v.passed(), v.render());
    }

    @Test
    void theBlankIsNotYetEverywhereAndNoLawRuns() {
        Judge.Verdict v = Judge.judge(new BlankExercises());
        assertEquals(ALL, v.count(Judge.Status.NOT_YET), v.render());
        assertTrue(v.outcomes().isEmpty(), v.render());
        assertEquals(ALL, v.render().split("\\| not yet\n", -1).length - 1, v.render());
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
