package org.backpropninja;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Options;
import org.backpropninja.cli.UsageError;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.model.Model;
import org.backpropninja.model.ModelFile;
import org.backpropninja.model.Sampler;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.rng.TorchGenerator;

/** Samples names from a model written by {@link Train}, without retraining. */
public final class Sample {

    static final String PROGRAM = "Sample";
    static final String SUMMARY = "Samples names from a saved model (the " + ModelFile.NAME + " that Train writes).";
    static final List<Options.Spec> OPTIONS = List.of(
            new Options.Spec("model", null, "path of the model file (required)"),
            new Options.Spec("data", null, "names.txt whose characters are the vocabulary of a model that carries"
                    + " none (default: ./names.txt)"),
            new Options.Spec("samples", "20", "how many names"),
            new Options.Spec("seed", Long.toString(Recipe.EXERCISE_4.samplingSeed()), "seed of the sampling generator"));

    private Sample() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out));
    }

    /**
     * The command: load, sample, print one name per line (a name that reached the sampler's length
     * cap is marked as cut). Stops as soon as the output fails or is closed ({@code | head -2}),
     * with an I/O error saying how many names were printed. Returns the exit status.
     */
    public static int run(String[] args, PrintStream out) throws IOException {
        Options o = Options.parse(PROGRAM, SUMMARY, OPTIONS, args);
        Path file = Path.of(o.string("model").orElseThrow(() ->
                new UsageError("option --model is required: the " + ModelFile.NAME + " written by Train")));
        int samples = o.intIn("samples", 0, 1_000_000);
        long seed = o.longValue("seed");
        if (seed < 0) {
            throw new UsageError("option --seed must not be negative, got " + seed);
        }
        Model model = ModelFile.read(file, () -> Vocabulary.of(Names.read(DataFile.locate(o.string("data")))).tokens());
        int[] printed = {0};
        Sampler.forEach(model, TorchGenerator.manualSeed(seed), samples, name -> {
            out.println(name.display());
            if (out.checkError()) {
                return false;
            }
            printed[0]++;
            return true;
        });
        if (printed[0] < samples) {
            throw new IOException("the output was closed after " + printed[0] + " of " + samples + " names; stopped");
        }
        return 0;
    }
}
