package org.backpropninja.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether the machine kept one speed through a benchmark: the measured steps, in the order they
 * ran, are cut into consecutive windows of {@link #WINDOW} steps and each window's median is taken.
 * Every step does the same work (the same shapes, the same kernels), so on an idle machine the
 * window medians agree to a few percent; when another program or the host of a virtual machine
 * takes a share of the processors for a while, the windows of that stretch are slower, and the
 * whole run's median moves with them. {@link #describe} gives the fastest and slowest window medians
 * and says whether their ratio exceeds {@link #STEADY_RATIO}. It sees changes within a run only: a
 * host that is as busy through the whole run looks steady, at a slower speed, which only a
 * comparison with other runs' fastest windows shows.
 */
final class StepWindows {

    /** Steps per window: long enough for a stable median, short enough to see a stretch. */
    static final int WINDOW = 1000;
    /**
     * The largest ratio of slowest to fastest window median a run may show and still count as run
     * on an idle machine: above the spread of quiet stretches, below that of busy ones (the
     * measurements behind it: docs/speed.md, section "The steadiness line").
     */
    static final double STEADY_RATIO = 1.10;

    private final double[] medians;

    private StepWindows(double[] medians) {
        this.medians = medians;
    }

    /**
     * The window medians of step times given in the order the steps ran (microseconds); a last,
     * incomplete window counts when it has at least half a window of steps.
     */
    static StepWindows of(double[] stepsInOrder) {
        int n = stepsInOrder.length;
        int full = n / WINDOW;
        int rest = n - full * WINDOW;
        int count = full + (rest >= WINDOW / 2 || full == 0 ? 1 : 0);
        double[] medians = new double[count];
        for (int w = 0; w < count; w++) {
            int from = w * WINDOW;
            int to = Math.min(n, from + WINDOW);
            double[] window = Arrays.copyOfRange(stepsInOrder, from, to);
            Arrays.sort(window);
            medians[w] = window[window.length / 2];
        }
        return new StepWindows(medians);
    }

    int count() {
        return medians.length;
    }

    double fastest() {
        return Arrays.stream(medians).min().orElseThrow();
    }

    double slowest() {
        return Arrays.stream(medians).max().orElseThrow();
    }

    /** How many windows have a median within {@link #STEADY_RATIO} of the fastest. */
    int nearFastest() {
        double bound = STEADY_RATIO * fastest();
        return (int) Arrays.stream(medians).filter(m -> m <= bound).count();
    }

    boolean steady() {
        return slowest() <= STEADY_RATIO * fastest();
    }

    /**
     * For example {@code steadiness: 50 windows of 1000 steps, medians from A to B us
     * (slowest / fastest 1.03): steady, as on an idle machine}, or, when some windows ran slower,
     * {@code ...: unsteady, so the machine was not idle: 3 of 50 windows ran more than 10% slower
     * than the fastest (every window does the same work)}. The steps are taken as measured after
     * enough warm-up for the JIT to have compiled the step ({@link StepBench#WARMUP}); see
     * {@link #describe(long)} for runs with fewer.
     */
    String describe() {
        return describe(StepBench.WARMUP);
    }

    /**
     * As {@link #describe()}, for steps measured after {@code warmup} warm-up steps. With fewer than
     * {@link StepBench#WARMUP}, the first windows may have run while the JIT was still compiling the
     * step, which makes them slow on an idle machine too: an unsteady run then says so rather than
     * blame the machine ({@code bench --warmup 0} always measures the compilation).
     */
    String describe(long warmup) {
        if (count() < 2) {
            return "steadiness: fewer than " + (WINDOW + WINDOW / 2) + " steps measured, too few to compare"
                    + " windows of " + WINDOW + " steps";
        }
        String line = String.format(Locale.ROOT,
                "steadiness: %d windows of %d steps, medians from %.1f to %.1f us (slowest / fastest %.2f)",
                count(), WINDOW, fastest(), slowest(), slowest() / fastest());
        if (steady()) {
            return line + ": steady, as on an idle machine";
        }
        String slower = String.format(Locale.ROOT, "%d of %d windows ran more than %.0f%% slower than the fastest",
                count() - nearFastest(), count(), (STEADY_RATIO - 1) * 100);
        if (warmup == 0) {
            return line + ": unsteady, but without warm-up steps the first windows include the JIT compiling the"
                    + " step, so this says nothing about the machine: " + slower + " (use --warmup " + StepBench.WARMUP
                    + " to judge the machine)";
        }
        if (warmup < StepBench.WARMUP) {
            return line + ": unsteady, after only " + warmup + (warmup == 1 ? " warm-up step" : " warm-up steps")
                    + " the JIT may still have been compiling the step, or the machine was not idle: " + slower;
        }
        return line + ": unsteady, so the machine was not idle: " + slower + " (every window does the same work)";
    }
}
