package org.backpropninja;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.NetworkOptions;
import org.backpropninja.cli.Options;
import org.backpropninja.cli.UsageError;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Split;
import org.backpropninja.model.Evaluator;
import org.backpropninja.model.Model;
import org.backpropninja.model.ModelFile;
import org.backpropninja.model.Sampler;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Mlp;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.run.LossPlot;
import org.backpropninja.run.Metrics;
import org.backpropninja.run.RunDirectory;
import org.backpropninja.run.Version;
import org.backpropninja.train.Progress;
import org.backpropninja.train.Sgd;
import org.backpropninja.train.Trainer;

/**
 * The full run, the notebook's Exercise 4 and after, on the hand-written backward only: train,
 * calibrate batchnorm over the training set, print the split losses, sample names, and write the
 * model, loss.png and metrics.json into the output directory, all or nothing ({@link RunDirectory}).
 */
public final class Train {

    static final String PROGRAM = "Train";
    static final String SUMMARY = "Trains the notebook's MLP with the hand-written backward (Exercise 4),"
            + " calibrates batchnorm,\nprints the split losses and samples names.";

    /** The notebook's Exercise-4 recipe: the defaults of the sizes, the seed and the learning rates. */
    static final Recipe RECIPE = Recipe.EXERCISE_4;
    static final List<Options.Spec> OPTIONS = List.of(
            NetworkOptions.data(),
            new Options.Spec("steps", "200000", "training steps"),
            NetworkOptions.embd(RECIPE), NetworkOptions.hidden(RECIPE), NetworkOptions.block(RECIPE),
            NetworkOptions.batch(RECIPE),
            new Options.Spec("lr", Double.toString(Recipe.LR), "learning rate before the decay step"),
            new Options.Spec("lr-decay-step", null, "first step of the second learning rate (default: "
                    + Recipe.LR_DECAY_STEP_RULE + ")"),
            new Options.Spec("lr-after", Double.toString(Recipe.LR_AFTER), "learning rate from the decay step on"),
            NetworkOptions.seed(RECIPE),
            new Options.Spec("samples", "20", "names to sample at the end"),
            new Options.Spec("threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                    "threads for calibration and evaluation (results are identical for any count)"),
            new Options.Spec("out", null, "output directory, new or empty (default: runs/<timestamp>)"));

    /** Where runs go without --out: runs/yyyyMMdd-HHmmss, with -2, -3, ... for runs started in the same second. */
    static final Path RUNS = Path.of("runs");

    private Train() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out, Progress.isTerminal()));
    }

    /** Everything a run is asked to do, validated before any work or any write. */
    record Config(Path data, long steps, Recipe recipe, Sgd.Schedule schedule, int samples, int threads,
                  Optional<Path> out) {

        static Config parse(String[] args) {
            Options o = Options.parse(PROGRAM, SUMMARY, OPTIONS, args);
            long steps = o.intIn("steps", 1, 100_000_000);
            NetworkOptions.Values net = NetworkOptions.parse(o);
            long decay = o.string("lr-decay-step").isPresent() ? o.longValue("lr-decay-step")
                    : Recipe.lrDecayStep(steps);
            if (decay < 0) {
                throw new UsageError("option --lr-decay-step must not be negative, got " + decay);
            }
            Sgd.Schedule schedule = new Sgd.Schedule(o.positiveDouble("lr"), decay, o.positiveDouble("lr-after"));
            Optional<String> out = o.string("out");
            if (out.isPresent() && out.get().isEmpty()) {
                throw new UsageError("option --out must name a directory, got an empty string");
            }
            return new Config(DataFile.locate(net.data()), steps, net.recipe(RECIPE), schedule,
                    o.intIn("samples", 0, 1_000_000), o.intIn("threads", 1, 1024), out.map(Path::of));
        }
    }

    /** The command; {@code live} draws the progress line (on a terminal). Returns the exit status. */
    public static int run(String[] args, PrintStream out, boolean live) {
        return run(args, out, live, RunDirectory.FILES);
    }

    /** As {@link #run(String[], PrintStream, boolean)}, writing the run's files through {@code sink}. */
    static int run(String[] args, PrintStream out, boolean live, RunDirectory.Sink sink) {
        Config c = Config.parse(args);
        Recipe.Corpus corpus = c.recipe().corpus(c.data());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try (RunDirectory dir = c.out().isPresent() ? RunDirectory.claim(c.out().get(), ModelFile.NAME, sink)
                : RunDirectory.claimNew(RUNS, stamp, ModelFile.NAME, sink)) {
            train(c, corpus, out, live, dir);
            dir.commit();
            out.println("wrote " + dir.target().resolve(ModelFile.NAME) + ", loss.png and metrics.json");
        }
        return 0;
    }

    private static void train(Config c, Recipe.Corpus corpus, PrintStream out, boolean live, RunDirectory dir) {
        Recipe n = c.recipe();
        Split.Datasets data = corpus.data();
        Recipe.Start start = n.start(corpus.vocab().size());
        out.println("vocab_size: " + corpus.vocab().size());
        out.println("splits: " + data.sizes());
        out.println("params: " + start.params().count());

        Progress progress = new Progress(out, live, c.steps());
        long every = Progress.logEvery(c.steps());
        Trainer.Result r = Trainer.train(start.params(), data.train(), n.batch(), c.steps(), c.schedule(), start.g(),
                (i, loss) -> {
                    if (i % every == 0) {
                        progress.clear();
                        out.println(String.format(Locale.ROOT, "%7d/%7d: %.4f", i, c.steps(), loss));
                    }
                    progress.update(i + 1);
                });
        progress.clear();
        double seconds = progress.elapsedSeconds();
        out.println(String.format(Locale.ROOT, "trained %d steps in %.1f s (%.0f steps/s)", c.steps(), seconds,
                c.steps() / seconds));

        double train;
        double val;
        double test;
        BatchNorm.Stats stats;
        // calibration (two passes over the training set) and the three split losses: minutes on a large names file
        Progress passes = new Progress(out, live, 3 * Evaluator.chunks(data.train().size())
                + Evaluator.chunks(data.dev().size()) + Evaluator.chunks(data.test().size()),
                "calibration and evaluation: chunk", "chunks");
        long[] chunksDone = {0};
        try (Evaluator eval = new Evaluator(Mlp.of(r.params()), c.threads(), () -> passes.update(++chunksDone[0]))) {
            stats = eval.calibrate(r.params(), data.train().x());
            train = eval.loss(r.params(), stats, data.train());
            val = eval.loss(r.params(), stats, data.dev());
            test = eval.loss(r.params(), stats, data.test());
        }
        passes.clear();
        out.println("train " + train);
        out.println("val " + val);
        out.println("test " + test);

        Model model = new Model(corpus.vocab().tokens(), n.block(), r.params(), stats.mean(), stats.var());
        Sampler.forEach(model, TorchGenerator.manualSeed(n.samplingSeed()), c.samples(), name -> {
            out.println(name.display());
            return true;
        });

        dir.write(ModelFile.NAME, ModelFile.encode(model));
        dir.write("loss.png", LossPlot.png(r.log10Loss(), LossPlot.bucketFor(c.steps())));
        Metrics.Run run = new Metrics.Run(n.embd(), n.hidden(), n.block(), n.batch(), c.steps(), c.schedule(),
                n.seed(), c.data().toString(), DataFile.sha256(c.data()), Version.project());
        dir.write("metrics.json", new Metrics(train, val, test, seconds, run).bytes());
    }
}
