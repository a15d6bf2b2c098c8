package org.backpropninja;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Options;
import org.backpropninja.cli.SizeLimit;
import org.backpropninja.cli.UsageError;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Mlp;
import org.backpropninja.notebook.NotebookInit;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Evaluator;
import org.backpropninja.train.LossPlot;
import org.backpropninja.train.Metrics;
import org.backpropninja.train.Model;
import org.backpropninja.train.ModelFile;
import org.backpropninja.train.Progress;
import org.backpropninja.train.Sampler;
import org.backpropninja.train.Sgd;
import org.backpropninja.train.Trainer;

/**
 * The full run, the notebook's Exercise 4 and after, on the hand-written backward only: train,
 * calibrate batchnorm over the training set, print the split losses, sample names, and write the
 * model, loss.png and metrics.json into the output directory.
 */
public final class Train {

    static final String PROGRAM = "Train";
    static final String SUMMARY = "Trains the notebook's MLP with the hand-written backward (Exercise 4),"
            + " calibrates batchnorm,\nprints the split losses and samples names.";

    static final List<Options.Spec> OPTIONS = List.of(
            new Options.Spec("data", null, "path of names.txt (else ./names.txt, else ../shared/names.txt)"),
            new Options.Spec("steps", "200000", "training steps"),
            new Options.Spec("embd", "10", "embedding width n_embd"),
            new Options.Spec("hidden", "200", "hidden width n_hidden"),
            new Options.Spec("block", "3", "context length block_size"),
            new Options.Spec("batch", "32", "minibatch size, at least 2"),
            new Options.Spec("lr", "0.1", "learning rate before the decay step"),
            new Options.Spec("lr-decay-step", null, "first step of the second learning rate (default: steps/2)"),
            new Options.Spec("lr-after", "0.01", "learning rate from the decay step on"),
            new Options.Spec("seed", "2147483647", "seed of the torch-compatible generator"),
            new Options.Spec("samples", "20", "names to sample at the end"),
            new Options.Spec("threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                    "threads for calibration and evaluation (results are identical for any count)"),
            new Options.Spec("out", null, "output directory (default: runs/<timestamp>)"));

    /** Print a progress line in the notebook's form every this many steps. */
    static final int LOG_EVERY = 10_000;

    private Train() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out, Progress.isTerminal()));
    }

    /** Everything a run is asked to do, validated before any work or any write. */
    record Config(Path data, long steps, int embd, int hidden, int block, int batch, Sgd.Schedule schedule,
                  long seed, int samples, int threads, Path out) {

        static Config parse(String[] args) {
            Options o = Options.parse(PROGRAM, SUMMARY, OPTIONS, args);
            long steps = o.intIn("steps", 1, 100_000_000);
            int batch = (int) o.longValue("batch");
            if (o.longValue("batch") < 2 || o.longValue("batch") > 1 << 20) {
                throw new UsageError("option --batch must be at least 2 (batchnorm's unbiased variance needs two"
                        + " examples) and at most " + (1 << 20) + ", got " + o.longValue("batch"));
            }
            long decay = o.string("lr-decay-step").isPresent() ? o.longValue("lr-decay-step") : steps / 2;
            if (decay < 0) {
                throw new UsageError("option --lr-decay-step must not be negative, got " + decay);
            }
            long seed = o.longValue("seed");
            if (seed < 0 || seed > Long.MAX_VALUE - 10) {
                throw new UsageError("option --seed must be between 0 and " + (Long.MAX_VALUE - 10) + ", got " + seed);
            }
            Sgd.Schedule schedule = new Sgd.Schedule(o.positiveDouble("lr"), decay, o.positiveDouble("lr-after"));
            int embd = o.intIn("embd", 1, 4096);
            int hidden = o.intIn("hidden", 1, 65536);
            int block = o.intIn("block", 1, 1024);
            SizeLimit.requireFirstLayerFits(embd, block, hidden);
            return new Config(DataFile.locate(o.string("data")), steps, embd, hidden, block, batch, schedule, seed,
                    o.intIn("samples", 0, 1_000_000), o.intIn("threads", 1, 1024),
                    o.string("out").map(Path::of).orElseGet(Train::defaultOut));
        }
    }

    static Path defaultOut() {
        return Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** The command; {@code live} draws the progress line (on a terminal). Returns the exit status. */
    public static int run(String[] args, PrintStream out, boolean live) throws IOException {
        Config c = Config.parse(args);
        List<String> words = Names.read(c.data());
        Vocabulary vocab = Vocabulary.of(words);
        Split.Datasets data = Split.of(words, Split.NOTEBOOK_SEED).datasets(vocab, c.block());
        Path created = prepareOut(c.out());
        try {
            return train(c, vocab, data, out, live);
        } catch (RuntimeException | IOException e) {
            removeCreated(c.out(), created);
            throw e;
        }
    }

    private static int train(Config c, Vocabulary vocab, Split.Datasets data, PrintStream out, boolean live)
            throws IOException {
        TorchGenerator g = TorchGenerator.manualSeed(c.seed());
        Params init = NotebookInit.EXERCISE_4.init(g, vocab.size(), c.embd(), c.hidden(), c.block());
        out.println("vocab_size: " + vocab.size());
        out.println("splits: " + data.sizes());
        out.println("params: " + init.count());

        Progress progress = new Progress(out, live, c.steps());
        Trainer.Result r = Trainer.train(init, data.train(), c.batch(), c.steps(), c.schedule(), g, (i, loss) -> {
            if (i % LOG_EVERY == 0) {
                progress.clear();
                out.println(String.format(Locale.ROOT, "%7d/%7d: %.4f", i, c.steps(), loss));
            }
            progress.update(i + 1);
        });
        progress.clear();
        double seconds = progress.elapsedSeconds();
        out.println(String.format(Locale.ROOT, "trained %d steps in %.1f s (%.0f steps/s)", c.steps(), seconds,
                c.steps() / seconds));

        Mlp mlp = Mlp.of(r.params());
        double train;
        double val;
        double test;
        BatchNorm.Stats stats;
        try (Evaluator eval = new Evaluator(mlp, c.threads())) {
            stats = eval.calibrate(r.params(), data.train().x());
            train = eval.loss(r.params(), stats, data.train());
            val = eval.loss(r.params(), stats, data.dev());
            test = eval.loss(r.params(), stats, data.test());
        }
        out.println("train " + train);
        out.println("val " + val);
        out.println("test " + test);

        List<String> tokens = java.util.stream.IntStream.range(0, vocab.size()).mapToObj(vocab::token).toList();
        Model model = new Model(tokens, c.block(), r.params(), stats.mean(), stats.var());
        for (String name : Sampler.sample(model, TorchGenerator.manualSeed(c.seed() + 10), c.samples())) {
            out.println(name + ".");
        }

        ModelFile.write(model, c.out().resolve("model.bin"));
        LossPlot.write(r.log10Loss(), 1000, c.out().resolve("loss.png"));
        new Metrics(train, val, test, c.steps(), seconds, c.seed()).write(c.out().resolve("metrics.json"));
        out.println("wrote " + c.out().resolve("model.bin") + ", loss.png and metrics.json");
        return 0;
    }

    /**
     * Creates the output directory and proves it writable before any training, so a bad --out costs
     * nothing; refuses a directory that already holds a model, so no earlier run is overwritten.
     * Returns the outermost directory this call created (null if the directory existed), so that a
     * run that fails removes every directory it made, parents included.
     */
    static Path prepareOut(Path dir) {
        if (Files.exists(dir.resolve("model.bin"))) {
            throw new UsageError("--out " + dir + " already holds a model.bin; choose another directory");
        }
        Path outermostNew = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            outermostNew = p;
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            removeCreated(dir, outermostNew);
            throw new UsageError("--out " + dir + " cannot be written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return outermostNew;
    }

    /**
     * Removes the directories a failed run created, from {@code dir} up to {@code outermostNew}, each
     * only if it is empty. Nothing when the run created none.
     */
    private static void removeCreated(Path dir, Path outermostNew) {
        if (outermostNew == null) {
            return;
        }
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            try (var entries = Files.list(p)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            } catch (IOException | SecurityException e) {
                return; // best effort: the error being reported matters more than an empty directory
            }
            try {
                Files.delete(p);
            } catch (IOException | SecurityException e) {
                return;
            }
            if (p.equals(outermostNew)) {
                return;
            }
        }
    }
}
