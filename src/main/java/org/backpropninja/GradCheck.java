package org.backpropninja;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Options;
import org.backpropninja.data.NotebookSetup;

/**
 * Entry point of the notebook's Exercise 1: builds the notebook's setup (data, split, parameters,
 * first minibatch) and prints what the notebook prints about it. The gradient table comes later.
 */
public final class GradCheck {

    static final String PROGRAM = "GradCheck";
    static final String SUMMARY = "Builds the notebook's Exercise-1 setup and checks its gradients.";

    private GradCheck() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out));
    }

    /** The command: parse options, build the setup, print it. Returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        NotebookSetup.Config base = NotebookSetup.Config.notebook();
        Options opts = Options.parse(PROGRAM, SUMMARY, NotebookSetup.Config.optionSpecs(base), args);
        NotebookSetup setup = NotebookSetup.build(NotebookSetup.Config.fromOptions(opts, base));
        setupLines(setup).forEach(out::println);
        return 0;
    }

    /**
     * The four figures the notebook shows before its first backward pass:
     * {@code vocab_size: 27}, {@code splits: 182625 22655 22866}, {@code params: 4137},
     * {@code initial loss: 3.348198}.
     */
    public static List<String> setupLines(NotebookSetup setup) {
        return List.of(
                "vocab_size: " + setup.vocab().size(),
                "splits: " + setup.data().sizes(),
                "params: " + setup.params().count(),
                String.format(Locale.ROOT, "initial loss: %.6f", setup.initialLoss()));
    }
}
