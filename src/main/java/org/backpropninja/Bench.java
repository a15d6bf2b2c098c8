package org.backpropninja;

import java.io.PrintStream;
import java.util.List;
import org.backpropninja.bench.StepBench;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.NetworkOptions;
import org.backpropninja.cli.Options;
import org.backpropninja.data.DataFile;
import org.backpropninja.notebook.Recipe;

/**
 * The bench command: the options, then {@link StepBench} (the measuring wing, package
 * {@code bench}) at the notebook's sizes, printing the step times, the steadiness line and the
 * machine line. Run it on an otherwise idle machine; the steadiness line says when it was not.
 */
public final class Bench {

    static final String PROGRAM = "Bench";
    /** The notebook's Exercise-4 recipe: the defaults of the sizes and the seed. */
    static final Recipe RECIPE = Recipe.EXERCISE_4;
    static final List<Options.Spec> OPTIONS = List.of(
            NetworkOptions.data(),
            new Options.Spec("warmup", "20000", "steps run and discarded before measuring"),
            new Options.Spec("steps", "50000", "steps measured"),
            NetworkOptions.embd(RECIPE), NetworkOptions.hidden(RECIPE), NetworkOptions.batch(RECIPE),
            NetworkOptions.block(RECIPE), NetworkOptions.seed(RECIPE));

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
        Recipe recipe = net.recipe(RECIPE);
        StepBench.run(recipe, recipe.corpus(DataFile.locate(net.data())), warmup, steps).forEach(out::println);
        return 0;
    }
}
