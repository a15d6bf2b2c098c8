package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.junit.jupiter.api.Test;

/** The printed gradient table: header, rows, verdicts and summary, and the staged chain's shape guards. */
class StagedGradCheckTest {

    static StagedGradCheck.Row row(Tensor t, double manual, double numeric, int failures) {
        InputReport r = new InputReport(t.notebookName(), new Shape(2, 3), Math.abs(manual - numeric),
                Math.abs(manual - numeric) / Math.max(Math.abs(manual), Math.abs(numeric)), 1, 2, manual, numeric,
                failures, 6);
        return new StagedGradCheck.Row(t, r, Tolerance.DEFAULT);
    }

    @Test
    void theToleranceUsedIsTheWorstDifferenceOverWhatTheToleranceAllowsThere() {
        StagedGradCheck.Row r = row(Tensor.H, 2.0, 2.0 + 1e-6, 0);
        assertEquals(1e-6 / (1e-8 + 1e-6 * (2.0 + 1e-6)), r.toleranceUsed(), 1e-9);
        assertTrue(r.passed());
    }

    @Test
    void rowsPrintNameShapeFiguresAndVerdict() {
        String pass = StagedGradCheck.format(row(Tensor.BNVAR, 0.5, 0.5 + 1e-9, 0));
        assertTrue(pass.startsWith("bnvar           | (2, 3)     | 1.000e-09"), pass);
        assertTrue(pass.endsWith("| pass"), pass);
        StagedGradCheck.Row failing = row(Tensor.W1, 0.5, 0.7, 3);
        assertFalse(failing.passed());
        assertTrue(StagedGradCheck.format(failing).endsWith("| FAIL"), StagedGradCheck.format(failing));
        String header = StagedGradCheck.header(Tolerance.DEFAULT);
        assertTrue(header.startsWith("tensor          | shape      | max |manual - numeric|"), header);
        assertTrue(header.endsWith("rtol 1e-06 atol 1e-08"), header);
    }

    @Test
    void theSummaryCountsTheFailingRows() {
        List<StagedGradCheck.Row> good = List.of(row(Tensor.H, 1, 1, 0), row(Tensor.W2, 2, 2, 0));
        assertEquals("all 2 gradients match finite differences", StagedGradCheck.summary(good).get(1));
        assertTrue(StagedGradCheck.summary(good).get(0).startsWith("probs is compared in relative coordinates"));
        List<StagedGradCheck.Row> bad = List.of(row(Tensor.H, 1, 1, 0), row(Tensor.W2, 2, 3, 1), row(Tensor.C, 1, 1, 0));
        assertEquals("1 of 3 gradients FAIL", StagedGradCheck.summary(bad).get(1));
    }

    @Test
    void anInconclusiveRowIsShownDistinctlyWithItsFirstElementAndReasonAndIsNotAFailure() {
        InputReport undecided = new InputReport("bnvar", new Shape(1, 4), 1e-12, 1e-10, 0, 1, 0.5, 0.5, 0, 4,
                2, 0, 3, "the loss is not finite within 2h of this element at any step");
        StagedGradCheck.Row r = new StagedGradCheck.Row(Tensor.BNVAR, undecided, Tolerance.DEFAULT);
        assertFalse(r.passed());
        assertFalse(r.failed());
        assertTrue(r.inconclusive());
        assertTrue(StagedGradCheck.format(r).endsWith("| inconclusive"), StagedGradCheck.format(r));
        List<String> summary = StagedGradCheck.summary(List.of(row(Tensor.H, 1, 1, 0), r));
        assertEquals(List.of("1 of 2 gradients inconclusive (no mismatch found, but finite differences could not"
                        + " judge every element):",
                "  bnvar: 2 of 4 elements, first (0, 3): the loss is not finite within 2h of this element at any step"),
                summary.subList(1, 3));
        List<String> both = StagedGradCheck.summary(List.of(row(Tensor.W2, 2, 3, 1), r));
        assertEquals("1 of 2 gradients FAIL", both.get(1));
        assertTrue(both.get(2).startsWith("1 of 2 gradients inconclusive"), both.get(2));
    }

    @Test
    void lossFromAValueOfTheWrongShapeIsRefusedNamingBoth() {
        ChainCase c = ChainCase.small();
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        for (Tensor t : List.of(Tensor.H, Tensor.W2, Tensor.LOGITS)) {
            String name = t.notebookName();
            Matrix right = f.value(t);
            Matrix wrong = Matrix.zeros(right.rows() + 1, right.cols());
            for (IllegalArgumentException e : List.of(
                    assertThrows(IllegalArgumentException.class, () -> f.lossFrom(t, wrong)),
                    assertThrows(IllegalArgumentException.class, () -> f.lossFromRecomputingAllRows(t, wrong)))) {
                assertTrue(e.getMessage().contains(name) && e.getMessage().contains(right.shape().toString())
                        && e.getMessage().contains(wrong.shape().toString()), e.getMessage());
            }
        }
    }

    /**
     * The progress a long check reports moves within a row, not only when a row is done (with a large
     * batch one row takes minutes): more figures than rows, never going back, ending at every element.
     */
    @Test
    void progressMovesWithinARowAndEndsAtEveryElement() {
        ChainCase c = ChainCase.small();
        List<long[]> told = new java.util.ArrayList<>();
        List<StagedGradCheck.Row> rows = StagedGradCheck.rows(c.params(), c.Xb(), c.Yb(), Tolerance.DEFAULT,
                (done, total) -> {
                    synchronized (told) {
                        told.add(new long[] {done, total});
                    }
                });
        long total = rows.stream().mapToLong(r -> (long) r.report().shape().rows() * r.report().shape().cols()).sum();
        long distinct = told.stream().mapToLong(t -> t[0]).distinct().count();
        assertTrue(distinct > 2L * rows.size(), "figures told: " + distinct + " for " + rows.size() + " rows");
        for (int i = 1; i < told.size(); i++) {
            assertTrue(told.get(i)[0] >= told.get(i - 1)[0], "the count went back at call " + i);
            assertEquals(total, told.get(i)[1]);
        }
        assertEquals(total, told.get(told.size() - 1)[0]);
    }
}
