package org.backpropninja.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.train.Trainer;

/**
 * The training-step benchmark: runs the real training loop ({@link Trainer#train}: minibatch draw,
 * forward, hand-written backward, SGD update) from a {@link Recipe}'s start, times every step,
 * discards the warm-up steps (JIT compilation) and reports the median, 10th and 90th percentile and
 * mean in microseconds per step, then whether the machine kept one speed through the run
 * ({@link StepWindows}: the medians of consecutive windows of 1,000 steps), then a line naming the
 * machine and the JVM ({@link MachineInfo}). It is a measurement, not a test.
 */
public final class StepBench {

    /** Warm-up steps when none are asked for: run and discarded so that the JIT has compiled the step before the timing. */
    public static final int WARMUP = 20_000;

    /** Measured steps when none are asked for. */
    public static final int STEPS = 50_000;

    private StepBench() {
    }

    /** Trains {@code warmup + steps} steps with the recipe's schedule for that many; returns the three lines. */
    public static List<String> run(Recipe recipe, Recipe.Corpus corpus, int warmup, int steps) {
        Recipe.Start start = recipe.start(corpus.vocab().size());
        long total = (long) warmup + steps;
        long[] ends = new long[(int) total + 1];
        ends[0] = System.nanoTime();
        Trainer.train(start.params(), corpus.data().train(), recipe.batch(), total, Recipe.schedule(total), start.g(),
                (i, loss) -> ends[(int) i + 1] = System.nanoTime());
        double[] us = new double[steps];
        for (int i = 0; i < steps; i++) {
            us[i] = (ends[warmup + i + 1] - ends[warmup + i]) / 1e3;
        }
        double mean = Arrays.stream(us).average().orElse(0);
        StepWindows windows = StepWindows.of(us);          // before sorting: in the order the steps ran
        Arrays.sort(us);
        String times = String.format(Locale.ROOT,
                "training step (embd %d, hidden %d, batch %d): median %.1f us, p10 %.1f us, p90 %.1f us,"
                        + " mean %.1f us over %d %s after %d warm-up %s",
                recipe.embd(), recipe.hidden(), recipe.batch(), us[steps / 2], us[steps / 10], us[steps * 9 / 10],
                mean, steps, steps == 1 ? "step" : "steps", warmup, warmup == 1 ? "step" : "steps");
        return List.of(times, windows.describe(warmup), MachineInfo.describe());
    }
}
