package org.backpropninja;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.NetworkOptions;
import org.backpropninja.cli.Options;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.notebook.NotebookInit;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;
import org.backpropninja.train.Trainer;

/**
 * The training-step benchmark: runs the real training loop ({@link Trainer#train}: minibatch draw,
 * forward, hand-written backward, SGD update) at the notebook's sizes, times every step, discards
 * the warm-up steps (JIT compilation) and prints the median, 10th and 90th percentile and mean in
 * microseconds per step, then whether the machine kept one speed through the run
 * ({@link StepWindows}: the medians of consecutive windows of 1,000 steps), then a line naming the
 * machine and the JVM ({@link MachineInfo}). Run it on an otherwise idle machine; the steadiness
 * line says when it was not. It is a measurement, not a test.
 */
public final class Bench {

    static final String PROGRAM = "Bench";
    static final NetworkOptions.Defaults DEFAULTS = new NetworkOptions.Defaults(2147483647L, 10, 200, 3, 32);
    static final List<Options.Spec> OPTIONS = List.of(
            NetworkOptions.data(),
            new Options.Spec("warmup", "20000", "steps run and discarded before measuring"),
            new Options.Spec("steps", "50000", "steps measured"),
            NetworkOptions.embd(DEFAULTS), NetworkOptions.hidden(DEFAULTS), NetworkOptions.batch(DEFAULTS),
            NetworkOptions.block(DEFAULTS), NetworkOptions.seed(DEFAULTS));

    private Bench() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        Options o = Options.parse(PROGRAM, "Times one training step (forward, backward, update).", OPTIONS, args);
        int warmup = o.intIn("warmup", 0, 10_000_000);
        int steps = o.intIn("steps", 1, 10_000_000);
        NetworkOptions.Values net = NetworkOptions.parse(o);
        int batch = net.batch();
        List<String> words = Names.read(DataFile.locate(net.data()));
        Vocabulary vocab = Vocabulary.of(words);
        Split.Datasets data = Split.of(words, Split.NOTEBOOK_SEED).datasets(vocab, net.block());
        TorchGenerator g = TorchGenerator.manualSeed(net.seed());
        Params init = NotebookInit.EXERCISE_4.init(g, vocab.size(), net.embd(), net.hidden(), net.block());
        long total = (long) warmup + steps;
        long[] ends = new long[(int) total + 1];
        ends[0] = System.nanoTime();
        Trainer.train(init, data.train(), batch, total, new Sgd.Schedule(0.1, total / 2, 0.01), g,
                (i, loss) -> ends[(int) i + 1] = System.nanoTime());
        double[] us = new double[steps];
        for (int i = 0; i < steps; i++) {
            us[i] = (ends[warmup + i + 1] - ends[warmup + i]) / 1e3;
        }
        double mean = Arrays.stream(us).average().orElse(0);
        StepWindows windows = StepWindows.of(us);          // before sorting: in the order the steps ran
        Arrays.sort(us);
        out.println(String.format(Locale.ROOT,
                "training step (embd %d, hidden %d, batch %d): median %.1f us, p10 %.1f us, p90 %.1f us,"
                        + " mean %.1f us over %d steps after %d warm-up steps",
                net.embd(), net.hidden(), batch,
                us[steps / 2], us[steps / 10], us[steps * 9 / 10], mean, steps, warmup));
        out.println(windows.describe());
        out.println(MachineInfo.describe());
        return 0;
    }
}
