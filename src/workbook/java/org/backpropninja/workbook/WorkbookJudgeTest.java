package org.backpropninja.workbook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropninja.notebook.Judge;
import org.junit.jupiter.api.Test;

/**
 * The judge on your workbook ({@code mvn test -Pworkbook}, docs/workbook.md): prints each exercise's
 * table on the notebook's first minibatch and, for every gradient you wrote, the laws the reference
 * passes over generated cases. Fails when a gradient you wrote fails; "not yet" fails nothing.
 */
class WorkbookJudgeTest {

    @Test
    void everyGradientWrittenInTheWorkbookPassesOnTheNotebooksBatchAndOverGeneratedCases() {
        Judge.Verdict v = Judge.judge(new Workbook());
        System.out.println(v.render());
        assertTrue(v.passed(), "some gradients FAIL: see the tables above");
    }
}
