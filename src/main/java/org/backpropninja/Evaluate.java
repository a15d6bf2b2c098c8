package org.backpropninja;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Options;
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
import org.backpropninja.train.Progress;

/**
 * The split losses of a saved model, without calibrating or training anything: the model's stored
 * batchnorm statistics, the notebook's split of names.txt ({@link Recipe.Corpus}), and the same
 * {@link Evaluator} pass that {@link Train} runs after its calibration -- so a model written by a run prints that run's
 * {@code train}, {@code val} and {@code test} lines, bit for bit.
 */
public final class Evaluate {

    static final String PROGRAM = "Evaluate";
    static final String SUMMARY = "Prints the train, val and test losses of a saved model with its stored batchnorm"
            + " statistics\n(nothing is calibrated or trained).";
    static final List<Options.Spec> OPTIONS = List.of(
            new Options.Spec("model", null, "path of the model file (required)"),
            new Options.Spec("data", null, "path of names.txt, split as the notebook splits it (else ./names.txt)"),
            new Options.Spec("threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
                    "threads for the evaluation (results are identical for any count)"));

    private Evaluate() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out, Progress.isTerminal()));
    }

    /** The command: load the model and the data, print the three split losses. Returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, false);
    }

    /** As {@link #run(String[], PrintStream)}; {@code live} draws a progress line (on a terminal). */
    public static int run(String[] args, PrintStream out, boolean live) {
        Options o = Options.parse(PROGRAM, SUMMARY, OPTIONS, args);
        Path file = Path.of(o.string("model").orElseThrow(() ->
                new UsageError("option --model is required: the " + ModelFile.NAME + " written by Train")));
        int threads = o.intIn("threads", 1, 1024);
        Path dataFile = DataFile.locate(o.string("data"));
        List<String> words = Names.read(dataFile);
        Vocabulary vocab = Vocabulary.of(words);
        Model model = ModelFile.read(file, vocab::tokens);
        if (!model.tokens().equals(vocab.tokens())) {
            throw new UsageError("model file " + file + " has a vocabulary of " + model.vocabSize() + " tokens other"
                    + " than the " + vocab.size() + " of " + dataFile + "; pass the names it was trained on with"
                    + " --data PATH");
        }
        Split.Datasets data = Recipe.Corpus.of(words, model.block()).data();
        BatchNorm.Stats stats = new BatchNorm.Stats(model.bnmean(), model.bnvar());
        double[] losses;
        Progress passes = new Progress(out, live, Evaluator.chunks(data.train().size())
                + Evaluator.chunks(data.dev().size()) + Evaluator.chunks(data.test().size()), "evaluation: chunk",
                "chunks");
        long[] chunksDone = {0};
        try (Evaluator eval = new Evaluator(Mlp.of(model.params()), threads, () -> passes.update(++chunksDone[0]))) {
            losses = new double[] {eval.loss(model.params(), stats, data.train()),
                    eval.loss(model.params(), stats, data.dev()), eval.loss(model.params(), stats, data.test())};
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
