package org.backpropninja;

import java.io.PrintStream;
import org.backpropninja.bench.StepBench;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.NetworkOptions;
import org.backpropninja.cli.Output;
import org.backpropninja.cli.ProjectVersion;
import org.backpropninja.cli.WholeNumber;
import org.backpropninja.data.DataFile;
import org.backpropninja.notebook.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The bench command: the options, then {@link StepBench} (the measuring wing, package
 * {@code bench}) at the notebook's sizes, printing the step times, the steadiness line and the
 * machine line. Run it on an otherwise idle machine; the steadiness line says when it was not.
 */
@Command(name = "bench", header = "time one training step",
        sortOptions = false, mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "Times one training step (forward, backward, update).")
public final class Bench implements Cli.Command {

    static final String PROGRAM = "Bench";

    /** The notebook's Exercise-4 recipe: the defaults of the sizes and the seed. */
    @Mixin
    private final NetworkOptions network = new NetworkOptions(Recipe.EXERCISE_4);

    @Option(names = "--warmup", paramLabel = "STEPS", converter = Warmup.class,
            description = "steps run and discarded before measuring, while the JIT compiles the step, 0 to 10000000"
                    + " (default: ${DEFAULT-VALUE})")
    private long warmup = StepBench.WARMUP;

    @Option(names = "--steps", paramLabel = "STEPS", converter = Steps.class,
            description = "steps measured, 1 to 10000000 (default: ${DEFAULT-VALUE})")
    private long steps = StepBench.STEPS;

    private final PrintStream out;

    /** The command printing to {@code out}. */
    public Bench(Output out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.main(Bench::new, args);
    }

    @Override
    public String program() {
        return PROGRAM;
    }

    static final class Warmup extends WholeNumber {
        Warmup() {
            super(0, 10_000_000);
        }
    }

    static final class Steps extends WholeNumber {
        Steps() {
            super(1, 10_000_000);
        }
    }

    @Override
    public Integer call() {
        Recipe recipe = network.recipe();
        StepBench.run(recipe, recipe.corpus(DataFile.locate(network.data())), (int) warmup, (int) steps)
                .forEach(out::println);
        return 0;
    }
}
