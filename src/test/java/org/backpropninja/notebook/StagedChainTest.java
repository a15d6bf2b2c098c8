package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.junit.jupiter.api.Test;

/** Examples for the staged chain: its loss against the un-staged formula, its guards, its table. */
class StagedChainTest {

    /** vocab 7, embd 3, block 2, hidden 5, n 6, fixed seed. */
    static Params smallParams() {
        SplittableRandom r = new SplittableRandom(20240601L);
        return new Params(random(r, 7, 3, 1.0), random(r, 6, 5, 0.6), random(r, 1, 5, 0.1),
                random(r, 5, 7, 0.3), random(r, 1, 7, 0.1), random(r, 1, 5, 0.1).plus(1.0), random(r, 1, 5, 0.1));
    }

    static final IntMatrix XB = IntMatrix.of(6, 2, 0, 1, 2, 3, 4, 5, 6, 0, 1, 3, 5, 2);
    static final int[] YB = {1, 0, 6, 3, 2, 4};

    private static Matrix random(SplittableRandom r, int rows, int cols, double scale) {
        return Matrix.generate(rows, cols, (i, j) -> scale * r.nextDouble(-1.0, 1.0));
    }

    @Test
    void stagedLossEqualsTheUnstagedFormula() {
        Params p = smallParams();
        Matrix hprebn = p.C().gatherRows(XB).reshape(6, 6).matmul(p.W1()).add(p.b1());
        Matrix bnraw = hprebn.sub(hprebn.mean(0)).div(hprebn.var(0).plus(1e-5).map(Math::sqrt));
        Matrix logits = p.bngain().mul(bnraw).add(p.bnbias()).tanh().matmul(p.W2()).add(p.b2());
        Matrix shifted = logits.sub(logits.max(1).values());
        Matrix logprobs = shifted.sub(shifted.exp().sum(1).log());
        double expected = -logprobs.pick(YB).sum() / 6;
        assertEquals(expected, StagedChain.forward(p, XB, YB).lossValue(), 1e-14);
    }

    @Test
    void aBatchOfOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StagedChain.forward(smallParams(), IntMatrix.of(1, 2, 0, 1), new int[] {3}));
        assertTrue(e.getMessage().contains("n >= 2"), e.getMessage());
    }

    @Test
    void targetsMustMatchTheBatch() {
        assertThrows(IllegalArgumentException.class,
                () -> StagedChain.forward(smallParams(), XB, new int[] {1, 2}));
    }

    @Test
    void everyGradientHasItsTensorsShape() {
        StagedChain.Forward f = StagedChain.forward(smallParams(), XB, YB);
        StagedChain.Grads g = StagedChain.backward(f);
        for (String name : StagedChain.CMP_ORDER) {
            assertEquals(f.value(name).shape(), g.get(name).shape(), name);
        }
    }

    @Test
    void allTwentySixRowsOfTheTablePassOnASmallBatch() {
        List<StagedGradCheck.Row> rows = StagedGradCheck.rows(smallParams(), XB, YB, Tolerance.DEFAULT);
        assertEquals(StagedChain.CMP_ORDER, rows.stream().map(StagedGradCheck.Row::name).toList());
        for (StagedGradCheck.Row row : rows) {
            assertTrue(row.passed(), () -> row.report().describe());
        }
    }

    @Test
    void unknownNamesAreRefused() {
        StagedChain.Forward f = StagedChain.forward(smallParams(), XB, YB);
        assertThrows(IllegalArgumentException.class, () -> f.value("logit_maxes"));
        assertThrows(IllegalArgumentException.class, () -> f.lossFrom("dlogits", f.value("logits")));
        assertThrows(IllegalArgumentException.class, () -> StagedChain.backward(f).get("loss"));
    }
}
