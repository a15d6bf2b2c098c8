package org.backpropninja.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bench's steadiness line: window medians taken in the order the steps ran, so that a stretch of
 * slow steps shows as slow windows, while the same slow steps spread through the run do not.
 */
class StepWindowsTest {

    /** Step times around {@code base} us, with 5% of them tripled (a collection, an interrupt). */
    private static double[] steps(int n, double base, long seed) {
        Random g = new Random(seed);
        double[] us = new double[n];
        for (int i = 0; i < n; i++) {
            us[i] = base * (1 + 0.04 * g.nextDouble()) * (g.nextDouble() < 0.05 ? 3 : 1);
        }
        return us;
    }

    @Test
    void aRunAtOneSpeedIsSteadyDespiteSingleSlowSteps() {
        StepWindows w = StepWindows.of(steps(50_000, 110.0, 1));
        assertEquals(50, w.count());
        assertTrue(w.steady(), w.describe());
        assertEquals(50, w.nearFastest());
        assertTrue(w.fastest() > 110.0 && w.slowest() < 110.0 * 1.04, w.describe());
        assertTrue(w.describe().startsWith("steadiness: 50 windows of 1000 steps, medians from "), w.describe());
        assertTrue(w.describe().endsWith(": steady, as on an idle machine"), w.describe());
    }

    @Test
    void aSlowStretchMakesTheRunUnsteadyWhereTheSameStepsSpreadOutDoNot() {
        double[] us = steps(50_000, 110.0, 2);
        for (int i = 20_000; i < 30_000; i++) {         // ten windows while the host is busy
            us[i] *= 1.5;
        }
        StepWindows stretch = StepWindows.of(us);
        assertFalse(stretch.steady(), stretch.describe());
        assertEquals(40, stretch.nearFastest());
        assertTrue(stretch.slowest() / stretch.fastest() > 1.4, stretch.describe());
        assertTrue(stretch.describe().endsWith(": unsteady, so the machine was not idle: 10 of 50 windows ran"
                + " more than 10% slower than the fastest (every window does the same work)"), stretch.describe());

        // the same step times in a random order: the slow ones spread over every window
        double[] shuffled = us.clone();
        Random g = new Random(4);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int k = g.nextInt(i + 1);
            double t = shuffled[i];
            shuffled[i] = shuffled[k];
            shuffled[k] = t;
        }
        StepWindows even = StepWindows.of(shuffled);
        assertTrue(even.steady(), even.describe());
    }

    @Test
    void theBoundaryIsTheStatedRatio() {
        double[] us = new double[2000];
        Arrays.fill(us, 0, 1000, 100.0);
        Arrays.fill(us, 1000, 2000, 100.0 * StepWindows.STEADY_RATIO);
        StepWindows at = StepWindows.of(us);
        assertTrue(at.steady());
        assertEquals(2, at.nearFastest());
        assertEquals("steadiness: 2 windows of 1000 steps, medians from 100.0 to 110.0 us (slowest / fastest 1.10):"
                + " steady, as on an idle machine", at.describe());
        Arrays.fill(us, 1000, 2000, Math.nextUp(100.0 * StepWindows.STEADY_RATIO));
        StepWindows over = StepWindows.of(us);
        assertFalse(over.steady());
        assertEquals(1, over.nearFastest());
        assertTrue(over.describe().endsWith(": unsteady, so the machine was not idle: 1 of 2 windows ran more"
                + " than 10% slower than the fastest (every window does the same work)"), over.describe());
    }

    @Test
    void aShortLastWindowCountsFromHalfAWindow() {
        assertEquals(1, StepWindows.of(steps(1499, 100.0, 3)).count());
        assertEquals(2, StepWindows.of(steps(1500, 100.0, 3)).count());
        assertEquals(3, StepWindows.of(steps(2999, 100.0, 3)).count());
        StepWindows few = StepWindows.of(steps(3, 100.0, 3));
        assertEquals(1, few.count());
        assertTrue(few.describe().startsWith("steadiness: fewer than 1500 steps measured"), few.describe());
    }

    /**
     * Without warm-up the first windows time the JIT compiling the step: slow on an idle machine too, so
     * the line must not blame the machine. With a short warm-up it says both causes are possible.
     */
    @Test
    void anUnsteadyRunWithoutWarmUpDoesNotBlameTheMachine() {
        double[] us = steps(10_000, 110.0, 5);
        for (int i = 0; i < 2000; i++) {                // the first two windows run before compilation
            us[i] *= 4;
        }
        StepWindows w = StepWindows.of(us);
        assertFalse(w.steady());
        String none = w.describe(0);
        assertTrue(none.endsWith(": unsteady, but without warm-up steps the first windows include the JIT compiling"
                + " the step, so this says nothing about the machine: 2 of 10 windows ran more than 10% slower than"
                + " the fastest (use --warmup 20000 to judge the machine)"), none);
        assertFalse(none.contains("was not idle"), none);
        String few = w.describe(1);
        assertTrue(few.endsWith(": unsteady, after only 1 warm-up step the JIT may still have been compiling the step,"
                + " or the machine was not idle: 2 of 10 windows ran more than 10% slower than the fastest"), few);
        assertTrue(w.describe(StepBench.WARMUP).endsWith(": unsteady, so the machine was not idle: 2 of 10 windows ran"
                + " more than 10% slower than the fastest (every window does the same work)"));
        assertEquals(w.describe(StepBench.WARMUP), w.describe());
        assertTrue(StepWindows.of(steps(10_000, 110.0, 5)).describe(0).endsWith(": steady, as on an idle machine"));
    }
}
