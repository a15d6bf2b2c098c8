package org.backpropninja;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.backpropninja.check.Tolerance;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.NetworkOptions;
import org.backpropninja.cli.Output;
import org.backpropninja.cli.ProjectVersion;
import org.backpropninja.notebook.FusedCheck;
import org.backpropninja.notebook.NotebookSetup;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.notebook.StagedGradCheck;
import org.backpropninja.terminal.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Entry point of the notebook's Exercise 1: builds the notebook's setup (data, split, parameters,
 * first minibatch), prints what the notebook prints about it, then the notebook's {@code cmp}
 * table: for each of the 26 tensors of the staged chain, the hand-written gradient against finite
 * differences. Exit status 1 if any row fails (a real mismatch), 3 if none fails but some row is
 * inconclusive (finite differences could not judge an element), 0 if every row passes.
 */
@Command(name = "gradcheck", header = "check Exercise 1's gradients on the notebook's first minibatch",
        sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        description = "Builds the notebook's Exercise-1 setup and checks its gradients.",
        footer = {"",
            "Each gradient row is pass, FAIL (a real mismatch: the finite-difference estimate has settled at a",
            "step where the loss is smooth, and the hand-written value misses it by more than the tolerance",
            "and the estimate's own uncertainty) or inconclusive (no mismatch, but finite differences could",
            "not judge some element: every step left the function's domain, a kink such as a tie in a row",
            "maximum, or no settled estimate; the reason is printed under the table).",
            "",
            "exit status: 0 every row passes; 1 some row FAILs (or a fused gradient misses the staged one,",
            "or an I/O or internal error); 2 bad input; 3 no row fails but some row is inconclusive."})
public final class GradCheck implements Cli.Command {

    static final String PROGRAM = "GradCheck";

    /** Exit status when some gradient is a real mismatch. */
    static final int FAILED = 1;

    /** Exit status when nothing fails but some gradient element could not be judged. */
    static final int INCONCLUSIVE = 3;

    /** The notebook's Exercise-1 recipe: the defaults of the sizes and the seed. */
    @Mixin
    private final NetworkOptions network = new NetworkOptions(Recipe.EXERCISE_1);

    private final PrintStream out;
    private final boolean table;
    private final boolean live;

    /** The command printing to {@code out}, without a progress line. */
    public GradCheck(Output out) {
        this(out, true, false);
    }

    /** The command printing to {@code out}; {@code live} draws a progress line (on a terminal). */
    public GradCheck(Output out, boolean live) {
        this(out, true, live);
    }

    /** As {@link #GradCheck(Output, boolean)}; without the table when {@code table} is false (for tests of the setup). */
    GradCheck(PrintStream out, boolean table, boolean live) {
        this.out = out;
        this.table = table;
        this.live = live;
    }

    public static void main(String[] args) {
        Cli.main(out -> new GradCheck(out, Progress.isTerminal()), args);
    }

    @Override
    public String program() {
        return PROGRAM;
    }

    /**
     * The command: build the setup, print it, print the gradient table. Returns the exit status: 0
     * when every row passes, 1 when some row fails, 3 when none fails but some row is inconclusive.
     */
    @Override
    public Integer call() {
        NotebookSetup setup = NotebookSetup.build(NotebookSetup.Config.of(network.recipe(), network.data()));
        setupLines(setup).forEach(out::println);
        if (!table) {
            return 0;
        }
        Tolerance tol = Tolerance.DEFAULT;
        // each element is a few forwards of the whole minibatch: minutes with a large --batch or --hidden
        Progress[] progress = {null};
        List<StagedGradCheck.Row> rows = StagedGradCheck.rows(setup.params(), setup.batch().x(),
                setup.batch().y(), tol, (done, total) -> {
                    if (progress[0] == null) {
                        progress[0] = new Progress(out, live, total, "gradient check: element", "elements");
                    }
                    progress[0].update(done);
                });
        if (progress[0] != null) {
            progress[0].clear();
        }
        out.println(StagedGradCheck.header(tol));
        rows.forEach(r -> out.println(StagedGradCheck.format(r)));
        long failed = rows.stream().filter(StagedGradCheck.Row::failed).count();
        long inconclusive = rows.stream().filter(StagedGradCheck.Row::inconclusive).count();
        StagedGradCheck.summary(rows).forEach(out::println);
        out.println("fused against staged (Exercises 2-3):");
        List<FusedCheck.Row> fused = FusedCheck.rows(setup.params(), setup.batch().x(), setup.batch().y());
        fused.forEach(r -> out.println(r.format()));
        failed += fused.stream().filter(r -> !r.passed()).count();
        return failed > 0 ? FAILED : inconclusive > 0 ? INCONCLUSIVE : 0;
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
