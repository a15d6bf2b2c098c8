package org.backpropninja;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Counts;
import org.backpropninja.cli.NetworkOptions;
import org.backpropninja.cli.Output;
import org.backpropninja.cli.PositiveNumber;
import org.backpropninja.cli.ProjectVersion;
import org.backpropninja.cli.UsageError;
import org.backpropninja.cli.WholeNumber;
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
import org.backpropninja.terminal.Progress;
import org.backpropninja.train.Sgd;
import org.backpropninja.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The full run, the notebook's Exercise 4 and after, on the hand-written backward only: train,
 * calibrate batchnorm over the training set, print the split losses, sample names, and write the
 * model, loss.png and metrics.json into the output directory, all or nothing ({@link RunDirectory}).
 */
@Command(name = "train", header = "train the MLP, calibrate batchnorm, print the split losses, sample names (the default)",
        sortOptions = false, mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = {"Trains the notebook's MLP with the hand-written backward (Exercise 4), calibrates batchnorm,",
            "prints the split losses and samples names; writes " + ModelFile.NAME + ", loss.png and metrics.json."})
public final class Train implements Cli.Command {

    static final String PROGRAM = "Train";

    /** The notebook's Exercise-4 recipe: the defaults of the sizes, the seed and the learning rates. */
    static final Recipe RECIPE = Recipe.EXERCISE_4;

    /** Where runs go without --out: runs/yyyyMMdd-HHmmss, with -2, -3, ... for runs started in the same second. */
    static final Path RUNS = Path.of("runs");

    @Mixin
    private final NetworkOptions network = new NetworkOptions(RECIPE);

    @Option(names = "--steps", paramLabel = "STEPS", converter = Steps.class,
            description = "training steps, 1 to 100000000 (default: ${DEFAULT-VALUE})")
    private long steps = 200_000;

    @Option(names = "--lr", paramLabel = "LR", converter = PositiveNumber.class,
            description = "learning rate before the decay step (default: ${DEFAULT-VALUE})")
    private double lr = Recipe.LR;

    @Option(names = "--lr-decay-step", paramLabel = "STEP", converter = DecayStep.class,
            description = "first step of the second learning rate (default: " + Recipe.LR_DECAY_STEP_RULE + ")")
    private Long lrDecayStep;

    @Option(names = "--lr-after", paramLabel = "LR", converter = PositiveNumber.class,
            description = "learning rate from the decay step on (default: ${DEFAULT-VALUE})")
    private double lrAfter = Recipe.LR_AFTER;

    @Option(names = "--samples", paramLabel = "N", converter = Counts.Samples.class,
            description = "names to sample at the end, 0 to 1000000 (default: ${DEFAULT-VALUE})")
    private long samples = Counts.SAMPLES;

    @Option(names = "--threads", paramLabel = "N", converter = Counts.Threads.class,
            description = "threads to calibrate and evaluate; any count, same bits (default: ${DEFAULT-VALUE})")
    private long threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", paramLabel = "DIR", description = "output directory, new or empty (default: runs/<timestamp>)")
    private String out;

    private final Output output;
    private final boolean live;
    private final RunDirectory.Sink sink;

    /** The command printing to {@code output}; {@code live} draws the progress line; the files go through {@code sink}. */
    Train(Output output, boolean live, RunDirectory.Sink sink) {
        this.output = output;
        this.live = live;
        this.sink = sink;
    }

    /** The command printing to {@code output}; {@code live} draws the progress line (on a terminal). */
    public Train(Output output, boolean live) {
        this(output, live, RunDirectory.FILES);
    }

    public static void main(String[] args) {
        Cli.main(out -> new Train(out, Progress.isTerminal()), args);
    }

    @Override
    public String program() {
        return PROGRAM;
    }

    static final class Steps extends WholeNumber {
        Steps() {
            super(1, 100_000_000);
        }
    }

    static final class DecayStep extends WholeNumber {
        DecayStep() {
            super(0, Long.MAX_VALUE);
        }
    }

    /** Everything a run is asked to do, validated before any work or any write. */
    record Config(Path data, long steps, Recipe recipe, Sgd.Schedule schedule, int samples, int threads,
                  Optional<Path> out) {
    }

    /** The options as a run's configuration; any problem is bad input, found before any work. */
    Config config() {
        Recipe recipe = network.recipe();
        long decay = lrDecayStep != null ? lrDecayStep : Recipe.lrDecayStep(steps);
        if (out != null && out.isEmpty()) {
            throw new UsageError("option --out must name a directory, got an empty string");
        }
        return new Config(DataFile.locate(network.data()), steps, recipe, new Sgd.Schedule(lr, decay, lrAfter),
                (int) samples, (int) threads, Optional.ofNullable(out).map(Path::of));
    }

    /** The run: configuration, data, the claimed output directory, training, then the commit. */
    @Override
    public Integer call() {
        Config c = config();
        Progress loading = new Progress(output, live, Recipe.Corpus.STAGES, "loading " + c.data() + ": stage",
                "stages");
        long[] stages = {0};
        Recipe.Corpus corpus = c.recipe().corpus(c.data(), () -> loading.update(++stages[0]));
        loading.clear();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try (RunDirectory dir = c.out().isPresent() ? RunDirectory.claim(c.out().get(), ModelFile.NAME, sink)
                : RunDirectory.claimNew(RUNS, stamp, ModelFile.NAME, sink)) {
            train(c, corpus, output, live, dir);
            dir.commit();
            output.println("wrote " + dir.target().resolve(ModelFile.NAME) + ", loss.png and metrics.json");
            if (output.failure().isPresent()) {
                // the printed losses are lost, but the run is complete on disk: say where it is
                throw new Output.Lost(output.problem().orElseThrow() + "; the run's files, losses included in"
                        + " metrics.json, are in " + dir.target());
            }
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
        out.println(String.format(Locale.ROOT, "trained %d %s in %.1f s (%.0f steps/s)", c.steps(),
                c.steps() == 1 ? "step" : "steps", seconds, c.steps() / seconds));

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
