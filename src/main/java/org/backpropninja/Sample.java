package org.backpropninja;

import java.nio.file.Path;
import java.util.Optional;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Counts;
import org.backpropninja.cli.Output;
import org.backpropninja.cli.ProjectVersion;
import org.backpropninja.cli.UsageError;
import org.backpropninja.cli.WholeNumber;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.model.Model;
import org.backpropninja.model.ModelFile;
import org.backpropninja.model.Sampler;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.rng.TorchGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Samples names from a model written by {@link Train}, without retraining. */
@Command(name = "sample", header = "sample names from a saved model",
        sortOptions = false, mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "Samples names from a saved model (the " + ModelFile.NAME + " that Train writes).")
public final class Sample implements Cli.Command {

    static final String PROGRAM = "Sample";

    @Option(names = "--model", paramLabel = "PATH", description = "path of the model file (required)")
    private String model;

    @Option(names = "--data", paramLabel = "PATH", description = "names.txt whose characters are the vocabulary of a"
            + " model that carries none (default: ./names.txt)")
    private String data;

    @Option(names = "--samples", paramLabel = "N", converter = Counts.Samples.class,
            description = "how many names, 0 to 1000000 (default: ${DEFAULT-VALUE})")
    private long samples = Counts.SAMPLES;

    @Option(names = "--seed", paramLabel = "SEED", converter = NonNegative.class,
            description = "seed of the sampling generator (default: ${DEFAULT-VALUE})")
    private long seed = Recipe.EXERCISE_4.samplingSeed();

    private final Output out;

    /** The command printing to {@code out}. */
    public Sample(Output out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.main(Sample::new, args);
    }

    @Override
    public String program() {
        return PROGRAM;
    }

    static final class NonNegative extends WholeNumber {
        NonNegative() {
            super(0, Long.MAX_VALUE);
        }
    }

    /**
     * The command: load, sample, print one name per line (a name that reached the sampler's length
     * cap is marked as cut). Stops as soon as the output fails (a full disk) or is closed
     * ({@code | head -2}), saying what happened and how many names were printed. Returns the exit status.
     */
    @Override
    public Integer call() {
        if (model == null) {
            throw new UsageError("option --model is required: the " + ModelFile.NAME + " written by Train");
        }
        Model m = ModelFile.read(Path.of(model),
                () -> Vocabulary.of(Names.read(DataFile.locate(Optional.ofNullable(data)))).tokens());
        int[] printed = {0};
        Sampler.forEach(m, TorchGenerator.manualSeed(seed), (int) samples, name -> {
            out.println(name.display());
            if (out.checkError()) {
                return false;
            }
            printed[0]++;
            return true;
        });
        if (printed[0] < samples) {
            throw out.lost("after " + printed[0] + " of " + samples + " names");
        }
        return 0;
    }
}
