package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;

/**
 * The reference backward is never reported as failing on degenerate data, where the first
 * finite-difference step is no longer small: every row the same context (each batch-norm column
 * constant, its variance exactly 0, so bnvar - 2h leaves the domain of (bnvar + 1e-5)^-1/2), a
 * batch of two contexts repeated (as a file of one repeated name gives: each column's spread is
 * set by two values), and a batch of two rows. Each row of the table is pass or inconclusive,
 * never FAIL; and on the same data the same table still rejects a wrong backward.
 */
class DegenerateDataProperties {

    /** How the batch of a well-conditioned case is made degenerate. */
    enum Degenerate { CONSTANT_FEATURES, TWO_CONTEXTS_REPEATED, TWO_ROWS }

    record Case(ChainCase chain, Degenerate kind) {
    }

    @Provide
    Arbitrary<Case> degenerate() {
        return ChainCase.cases().flatMap(c -> Arbitraries.of(Degenerate.class).map(k -> new Case(of(c, k), k)));
    }

    private static ChainCase of(ChainCase c, Degenerate kind) {
        int n = c.Xb().rows();
        int[] rows = switch (kind) {
            case CONSTANT_FEATURES -> new int[n];
            case TWO_CONTEXTS_REPEATED -> java.util.stream.IntStream.range(0, n).map(i -> i % 2).toArray();
            case TWO_ROWS -> new int[] {0, 1};
        };
        int[] y = kind == Degenerate.TWO_ROWS ? Arrays.copyOf(c.Yb(), 2) : c.Yb();
        return new ChainCase(c.params(), c.Xb().selectRows(rows), y);
    }

    @Property(tries = 40)
    void theStagedBackwardIsNeverReportedAsFailingOnDegenerateBatches(@ForAll("degenerate") Case c) {
        List<StagedGradCheck.Row> rows = StagedGradCheck.rows(c.chain().params(), c.chain().Xb(), c.chain().Yb(),
                Tolerance.DEFAULT);
        for (StagedGradCheck.Row r : rows) {
            assertFalse(r.failed(), () -> c.kind() + ": " + r.report().describe());
        }
    }

    @Property(tries = 20)
    void aWrongDW1IsStillRejectedOnDegenerateBatches(@ForAll("degenerate") Case c) {
        // dW1 off by a tenth of its largest entry in one element: a real mismatch, whatever the data
        StagedChain.Forward f = StagedChain.forward(c.chain().params(), c.chain().Xb(), c.chain().Yb());
        Matrix dW1 = StagedChain.backward(f).get(Tensor.W1);
        double size = Math.max(dW1.maxAbs(), 1e-3);
        Matrix wrong = dW1.with(0, 0, dW1.get(0, 0) + 0.1 * size);
        var report = org.backpropninja.check.GradientChecker.checkGradient("W1", List.of("W1"),
                in -> f.lossFrom(Tensor.W1, in.get(0)), List.of(f.value(Tensor.W1)), List.of(wrong), Tolerance.DEFAULT);
        assertTrue(report.failed(), () -> c.kind() + ": " + report.describe());
    }
}
