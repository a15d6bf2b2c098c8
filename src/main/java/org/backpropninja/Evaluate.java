package org.backpropninja;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Counts;
import org.backpropninja.cli.Output;
import org.backpropninja.cli.ProjectVersion;
import org.backpropninja.cli.UsageError;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.model.Evaluator;
import org.backpropninja.model.Model;
import org.backpropninja.model.ModelFile;
import org.backpropninja.model.ModelFileException;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Mlp;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.terminal.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The split losses of a saved model, without calibrating or training anything: the model's stored
 * batchnorm statistics, the notebook's split of names.txt ({@link Recipe.Corpus}), and the same
 * {@link Evaluator} pass that {@link Train} runs after its calibration -- so a model written by a run prints that run's
 * {@code train}, {@code val} and {@code test} lines, bit for bit.
 */
@Command(name = "evaluate", header = "print the split losses of a saved model",
        sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        description = {"Prints the train, val and test losses of a saved model with its stored batchnorm statistics",
            "(nothing is calibrated or trained)."})
public final class Evaluate implements Cli.Command {

    static final String PROGRAM = "Evaluate";

    @Option(names = "--model", paramLabel = "PATH", description = "path of the model file (required)")
    private String model;

    @Option(names = "--data", paramLabel = "PATH",
            description = "path of names.txt, split as the notebook splits it (default: ./names.txt)")
    private String data;

    @Option(names = "--threads", paramLabel = "N", converter = Counts.Threads.class,
            description = "threads to evaluate; any count, same bits (default: ${DEFAULT-VALUE})")
    private long threads = Runtime.getRuntime().availableProcessors();

    private final Output out;
    private final boolean live;

    /** The command printing to {@code out}, without a progress line. */
    public Evaluate(Output out) {
        this(out, false);
    }

    /** The command printing to {@code out}; {@code live} draws a progress line (on a terminal). */
    public Evaluate(Output out, boolean live) {
        this.out = out;
        this.live = live;
    }

    public static void main(String[] args) {
        Cli.main(out -> new Evaluate(out, Progress.isTerminal()), args);
    }

    @Override
    public String program() {
        return PROGRAM;
    }

    /** The command: load the model and the data, print the three split losses. Returns the exit status. */
    @Override
    public Integer call() {
        if (model == null) {
            throw new UsageError("option --model is required: the " + ModelFile.NAME + " written by Train");
        }
        Path file = Path.of(model);
        Path dataFile = DataFile.locate(Optional.ofNullable(data));
        List<String> words = Names.read(dataFile);
        Vocabulary vocab = Vocabulary.of(words);
        Model m = ModelFile.read(file, vocab::tokens);
        if (!m.tokens().equals(vocab.tokens())) {
            throw new UsageError("model file " + file + " has a vocabulary of " + m.vocabSize() + " tokens other"
                    + " than the " + vocab.size() + " of " + dataFile + "; pass the names it was trained on with"
                    + " --data PATH");
        }
        Split.Datasets split = Recipe.Corpus.of(words, m.block()).data();
        BatchNorm.Stats stats = new BatchNorm.Stats(m.bnmean(), m.bnvar());
        double[] losses;
        Progress passes = new Progress(out, live, Evaluator.chunks(split.train().size())
                + Evaluator.chunks(split.dev().size()) + Evaluator.chunks(split.test().size()), "evaluation: chunk",
                "chunks");
        long[] chunksDone = {0};
        try (Evaluator eval = new Evaluator(Mlp.of(m.params()), (int) threads, () -> passes.update(++chunksDone[0]))) {
            losses = new double[] {eval.loss(m.params(), stats, split.train()),
                    eval.loss(m.params(), stats, split.dev()), eval.loss(m.params(), stats, split.test())};
        }
        passes.clear();
        String[] splits = {"train", "val", "test"};
        for (int k = 0; k < splits.length; k++) {
            if (!Double.isFinite(losses[k])) {        // weights that overflow the network: not a usable model
                throw new ModelFileException("model file " + file + " gives the " + splits[k] + " loss "
                        + losses[k] + ": its weights overflow the network, so it is not a usable model");
            }
        }
        for (int k = 0; k < splits.length; k++) {
            out.println(splits[k] + " " + losses[k]);
        }
        return 0;
    }
}
