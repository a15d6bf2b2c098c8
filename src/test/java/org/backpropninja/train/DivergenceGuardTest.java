package org.backpropninja.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The divergence rule at its boundary: ten times the larger of ln(vocab_size) and the first loss. */
class DivergenceGuardTest {

    static final double LN27 = Math.log(27);

    @Test
    void aLossExactlyAtTheLimitPassesAndTheNextDoubleAboveItStopsTheRun() {
        DivergenceGuard g = new DivergenceGuard(27);
        g.check(0, 3.95, 0.1);
        double limit = 10 * 3.95;
        assertEquals(limit, g.limit(), 0.0);
        g.check(1, limit, 0.1);
        DivergedException e = assertThrows(DivergedException.class, () -> g.check(2, Math.nextUp(limit), 0.1));
        assertEquals(2, e.step());
        assertEquals(Math.nextUp(limit), e.loss(), 0.0);
        assertEquals(0.1, e.learningRate(), 0.0);
        assertTrue(e.getMessage().startsWith("the loss became " + Math.nextUp(limit) + " at step 2 (learning rate"
                + " 0.1), more than the limit 39.50"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aFirstLossBelowLnVocabLeavesTheLimitAtTenTimesLnVocab() {
        DivergenceGuard g = new DivergenceGuard(27);
        g.check(0, 1.0, 0.1);
        assertEquals(10 * LN27, g.limit(), 0.0);
        g.check(1, 10 * LN27, 0.1);
        assertThrows(DivergedException.class, () -> g.check(2, Math.nextUp(10 * LN27), 0.1));
    }

    @Test
    void theFirstStepSetsTheLimitAndIsStoppedOnlyWhenNotFinite() {
        DivergenceGuard wide = new DivergenceGuard(27);
        wide.check(0, 80.0, 0.1); // a very wide network can start above ln(27); it is not stopped
        assertEquals(800.0, wide.limit(), 0.0);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            DivergedException e = assertThrows(DivergedException.class,
                    () -> new DivergenceGuard(27).check(0, bad, Double.NaN));
            assertEquals("the loss became " + bad + " at step 0, before any update: the initialisation gives no"
                    + " finite loss on this data", e.getMessage());
        }
    }

    @Test
    void aNonFiniteLossLaterIsStoppedToo() {
        DivergenceGuard g = new DivergenceGuard(5);
        g.check(0, 2.0, 0.1);
        DivergedException e = assertThrows(DivergedException.class, () -> g.check(7, Double.NaN, 0.01));
        assertEquals(7, e.step());
        assertTrue(Double.isNaN(e.loss()));
    }
}
