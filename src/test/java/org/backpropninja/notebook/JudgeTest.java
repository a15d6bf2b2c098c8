package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.backpropninja.nn.BatchNormLaws;
import org.backpropninja.nn.CrossEntropyLaws;
import org.junit.jupiter.api.Test;

/**
 * The workbook's judge on implementations of {@link Exercises}, judged through that interface as a
 * learner's workbook is: the reference passes everything, the blank is "not yet" everywhere, and
 * typical mistakes -- including lines right only because an upstream gradient is zero in exact
 * arithmetic, one-branch answers for the values used twice, shapes wrong in one dimension, and lines
 * that recurse or never return -- are each a FAIL, with a shrunk case where the laws ran.
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
        Verdict v = Judge.judge(ReferenceExercises.INSTANCE);
        String out = v.render();
        assertEquals(ALL, v.count(Judge.Status.PASS), out);
        assertEquals(ALL, v.outcomes().size(), out);
        assertTrue(v.passed(), out);
        assertTrue(out.endsWith("summary: " + ALL + " passed, 0 failed, 0 not yet"), out);
        // the reference against itself: the notebook's columns read exact, approximate, maxdiff 0
        for (Judge.Line l : v.lines()) {
            assertTrue(l.text().contains("| True  | True   | 0.000e+00 |"), l.text());
        }
    }

    @Test
    void theBlankIsNotYetEverywhereAndNoLawRuns() {
        Verdict v = Judge.judge(new BlankExercises());
        assertEquals(ALL, v.count(Judge.Status.NOT_YET), v.render());
        assertTrue(v.outcomes().isEmpty(), v.render());
        assertEquals(ALL, v.render().split("\\| not yet\n", -1).length - 1, v.render());
        assertTrue(v.render().endsWith("summary: 0 passed, 0 failed, " + ALL + " not yet"), v.render());
    }

    /** The judge leaves out the chain's law, by its name, until all 26 lines are chosen: the name must be the law's. */
    @Test
    void theChainLawTheJudgeLeavesOutIsALawOfTheLines() throws NoSuchMethodException {
        assertTrue(StagedLineLaws.class.getDeclaredMethod(Judge.CHAIN_LAW, ChainCase.class)
                .isAnnotationPresent(net.jqwik.api.Property.class));
    }

    /** One line, or one exercise, judged alone: only its row, only its laws. */
    @Test
    void aChosenLineIsJudgedAlone() {
        Verdict v = Judge.judge(ReferenceExercises.INSTANCE, Set.of("dprobs"));
        assertEquals(1, v.lines().size(), v.render());
        assertEquals(List.of("dprobs"), v.outcomes().stream().map(Judge.Outcome::gradient).toList(), v.render());
        assertTrue(v.render().endsWith("summary: 1 passed, 0 failed, 0 not yet"), v.render());
    }

    private static Map<String, Judge.Outcome> byGradient(Verdict v) {
        return v.outcomes().stream().collect(Collectors.toMap(Judge.Outcome::gradient, Function.identity()));
    }

    private static Judge.Line row(Verdict v, String key) {
        return v.lines().stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void typicalMistakesAreEachReportedWithTheirShrunkCase() {
        Verdict v = Judge.judge(new TypicalMistakes());
        String out = v.render();
        Map<String, Judge.Outcome> byGradient = byGradient(v);
        assertEquals(4, byGradient.size(), out);
        for (Judge.Outcome o : byGradient.values()) {
            assertFalse(o.passed(), out);
            assertTrue(o.message().contains("case: ") && o.message().contains("reread docs/derivations.md"), out);
        }
        assertTrue(byGradient.get("dlogprobs").passedOnBatch(), out);
        assertTrue(out.contains("dlogprobs: FAIL -- it passes on the notebook's batch but FAILS"), out);
        assertFalse(byGradient.get("dC").passedOnBatch(), out);
        assertEquals(3, v.count(Judge.Status.FAIL), out);
        assertTrue(out.endsWith("summary: 0 passed, 4 failed, " + (ALL - 4) + " not yet -- see the FAIL lines above"),
                out);
    }

    /**
     * Lines right with the reference's upstream gradients only because one of them is zero in exact
     * arithmetic, and one-branch answers for each value used twice: each FAILs on the batch's random
     * upstream and over generated cases, as a vector-Jacobian product, with a shrunk case.
     */
    @Test
    void branchesDroppedAreEachAFailWithTheirShrunkCase() {
        Verdict v = Judge.judge(new BranchMistakes());
        String out = v.render();
        Map<String, Judge.Outcome> byGradient = byGradient(v);
        assertEquals(Set.of("dcounts", "dlogit_max", "dlogits", "dbndiff", "dhprebn", "db1"), byGradient.keySet(),
                out);
        for (Judge.Outcome o : byGradient.values()) {
            assertFalse(o.passed(), out);
            assertTrue(o.message().contains("case: ") && o.message().contains("reread docs/derivations.md"), out);
            assertEquals(Judge.Status.FAIL, row(v, o.gradient()).status(), out);
        }
        // the three the reference's upstream cannot tell from right: finite differences pass, random does not
        for (String zeroBranch : List.of("dlogit_max", "dlogits", "db1")) {
            assertTrue(row(v, zeroBranch).text().contains("right for the reference's upstream only"), out);
            assertTrue(byGradient.get(zeroBranch).message().startsWith(zeroBranch
                    + " FAILS as a vector-Jacobian product"), out);
        }
        assertEquals(6, v.failed().size(), out);
    }

    /** Shapes wrong in one dimension only: rows right and columns wrong, and the reverse. */
    @Test
    void shapesWrongInOneDimensionAreEachAFailNamingBothShapes() {
        Verdict v = Judge.judge(new ShapeMistakes());
        String out = v.render();
        assertTrue(row(v, "dcounts_sum_inv").text().contains("FAIL: it is (32, 27) but must be (32, 1)"), out);
        assertTrue(row(v, "dbngain").text().contains("FAIL: it is (32, 64) but must be (1, 64)"), out);
        Map<String, Judge.Outcome> byGradient = byGradient(v);
        assertEquals(Set.of("dcounts_sum_inv", "dbngain"), byGradient.keySet(), out);
        assertTrue(byGradient.get("dcounts_sum_inv").message().contains("but counts_sum_inv is"), out);
        assertTrue(byGradient.get("dbngain").message().contains("but bngain is"), out);
    }

    /** A line that recurses, and one that never returns: each its own FAIL, and the judge goes on. */
    @Test
    void aLineThatRecursesOrNeverReturnsIsAFailNamingIt() {
        Verdict v = Judge.judge(new BrokenLines());
        String out = v.render();
        assertTrue(row(v, "dprobs").text().contains("FAIL: it recursed without end (StackOverflowError)"), out);
        assertTrue(row(v, "db2").text().contains("FAIL: it did not return within " + LineCall.LIMIT_SECONDS + " s"),
                out);
        assertEquals(Set.of("dprobs", "db2"), v.failed(), out);
        assertTrue(out.endsWith("summary: 0 passed, 2 failed, " + (ALL - 2) + " not yet -- see the FAIL lines above"),
                out);
    }
}
