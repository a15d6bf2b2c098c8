package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.junit.jupiter.api.Test;

/** Examples for the staged chain: its loss against the un-staged formula, its guards, its table. */
class StagedChainTest {

    @Test
    void stagedLossEqualsTheUnstagedFormula() {
        Params p = ChainCase.small().params();
        Matrix hprebn = p.C().gatherRows(ChainCase.small().Xb()).reshape(6, 6).matmul(p.W1()).add(p.b1());
        Matrix bnraw = hprebn.sub(hprebn.mean(0)).div(hprebn.var(0).plus(1e-5).map(Math::sqrt));
        Matrix logits = p.bngain().mul(bnraw).add(p.bnbias()).tanh().matmul(p.W2()).add(p.b2());
        Matrix shifted = logits.sub(logits.max(1).values());
        Matrix logprobs = shifted.sub(shifted.exp().sum(1).log());
        double expected = -logprobs.pick(ChainCase.small().Yb()).sum() / 6;
        assertEquals(expected, StagedChain.forward(p, ChainCase.small().Xb(), ChainCase.small().Yb()).lossValue(), 1e-14);
    }

    @Test
    void aBatchOfOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StagedChain.forward(ChainCase.small().params(), IntMatrix.of(1, 2, 0, 1), new int[] {3}));
        assertTrue(e.getMessage().contains("n >= 2"), e.getMessage());
    }

    @Test
    void targetsMustMatchTheBatch() {
        assertThrows(IllegalArgumentException.class,
                () -> StagedChain.forward(ChainCase.small().params(), ChainCase.small().Xb(), new int[] {1, 2}));
    }

    @Test
    void everyGradientHasItsTensorsShape() {
        StagedChain.Forward f = StagedChain.forward(ChainCase.small().params(), ChainCase.small().Xb(), ChainCase.small().Yb());
        StagedChain.Grads g = StagedChain.backward(f);
        for (Tensor t : StagedChain.CMP_ORDER) {
            assertEquals(f.value(t).shape(), g.get(t).shape(), t.notebookName());
        }
    }

    @Test
    void allTwentySixRowsOfTheTablePassOnASmallBatch() {
        List<StagedGradCheck.Row> rows = StagedGradCheck.rows(ChainCase.small().params(), ChainCase.small().Xb(), ChainCase.small().Yb(), Tolerance.DEFAULT);
        assertEquals(StagedChain.CMP_ORDER, rows.stream().map(StagedGradCheck.Row::tensor).toList());
        for (StagedGradCheck.Row row : rows) {
            assertTrue(row.passed(), () -> row.report().describe());
        }
    }

    @Test
    void unknownNamesAndIncompleteOrMisshapenValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.named("logit_maxes"));
        assertThrows(IllegalArgumentException.class, () -> Tensor.named("dlogits"));
        assertThrows(IllegalArgumentException.class, () -> Tensor.named("loss"));
        StagedChain.Forward f = StagedChain.forward(ChainCase.small().params(), ChainCase.small().Xb(), ChainCase.small().Yb());
        assertThrows(IllegalArgumentException.class, () -> f.lossFrom(Tensor.LOGITS, f.value(Tensor.LOGIT_MAX)));
        Map<Tensor, Matrix> all = new EnumMap<>(Tensor.class);
        StagedChain.CMP_ORDER.forEach(t -> all.put(t, f.value(t)));
        all.remove(Tensor.C);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StagedChain.Grads(all));
        assertTrue(e.getMessage().contains("no gradient for C"), e.getMessage());
    }
}
