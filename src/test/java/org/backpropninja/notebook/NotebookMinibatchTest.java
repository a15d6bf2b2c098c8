package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.backpropninja.check.Tolerance;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notebook's own Exercise-1 minibatch (cells 37-38: n_embd 10, n_hidden 64, batch 32, seed
 * 2147483647) through the staged chain: the loss the notebook prints, and every one of the 26
 * gradients it compares confirmed by finite differences.
 */
class NotebookMinibatchTest {

    static NotebookSetup setup;
    static StagedChain.Forward forward;

    @BeforeAll
    static void build() {
        setup = NotebookSetup.build(NotebookSetup.Config.notebook(), Names.read(DataFile.locate(Optional.empty())));
        forward = StagedChain.forward(setup.params(), setup.batch().x(), setup.batch().y());
    }

    @Test
    void stagedLossIsTheNotebooks() {
        assertEquals("3.348198", String.format(java.util.Locale.ROOT, "%.6f", forward.lossValue()));
        assertEquals(setup.initialLoss(), forward.lossValue(), 1e-12);
    }

    @Test
    void allTwentySixGradientsMatchFiniteDifferences() {
        List<StagedGradCheck.Row> rows = StagedGradCheck.rows(setup.params(), setup.batch().x(),
                setup.batch().y(), Tolerance.DEFAULT);
        assertEquals(StagedChain.CMP_ORDER, rows.stream().map(StagedGradCheck.Row::tensor).toList());
        for (StagedGradCheck.Row row : rows) {
            assertTrue(row.passed(), () -> row.report().describe());
        }
    }

    @Test
    void theMaxBranchOfLogitsCarriesNoGradientInTheFullChain() {
        // softmax is shift-invariant, so dlogit_max is zero up to rounding
        assertTrue(StagedChain.backward(forward).get(Tensor.LOGIT_MAX).maxAbs() < 1e-15);
    }
}
