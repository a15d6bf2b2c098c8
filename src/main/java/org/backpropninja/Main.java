package org.backpropninja;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.backpropninja.cli.Cli;
import org.backpropninja.model.ModelFile;
import org.backpropninja.train.Progress;

/**
 * The jar's entry point, git-style: {@code java -jar backprop-ninja.jar [COMMAND] [options]}. The
 * first word names the command (train, sample, evaluate, gradcheck, bench); without one, or when
 * the first word is an option, the command is train, so the jar's old form keeps working. Each
 * command is the class of the same name, whose own {@code main} also runs on its own
 * ({@code java -cp backprop-ninja.jar org.backpropninja.Sample ...}).
 */
public final class Main {

    static final String PROGRAM = "backprop-ninja";

    /** One subcommand: its word, the program name in its messages, a summary line and its body. */
    record Command(String name, String program, String summary, Body body) {
    }

    /** A command's body, given its arguments and the streams. */
    @FunctionalInterface
    interface Body {
        int run(String[] args, PrintStream out, boolean live) throws java.io.IOException;
    }

    static final List<Command> COMMANDS = List.of(
            new Command("train", Train.PROGRAM, "train the notebook's MLP, calibrate batchnorm, print the split losses"
                    + " and sample names; writes " + ModelFile.NAME + " (the default)", Train::run),
            new Command("sample", Sample.PROGRAM, "sample names from a saved model",
                    (a, out, live) -> Sample.run(a, out)),
            new Command("evaluate", Evaluate.PROGRAM, "print the split losses of a saved model",
                    (a, out, live) -> Evaluate.run(a, out, live)),
            new Command("gradcheck", GradCheck.PROGRAM, "check Exercise 1's gradients on the notebook's first"
                    + " minibatch", (a, out, live) -> GradCheck.run(a, out, live)),
            new Command("bench", Bench.PROGRAM, "time one training step",
                    (a, out, live) -> Bench.run(a, out)));

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err, Progress.isTerminal());
        System.out.flush();
        System.exit(status);
    }

    /** Dispatches to the command; returns its exit status (2 for an unknown command). */
    static int run(String[] args, PrintStream out, PrintStream err, boolean live) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(usage());
            return 0;
        }
        boolean named = args.length > 0 && !args[0].startsWith("-");
        String word = named ? args[0] : "train";
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(word)).findFirst();
        if (command.isEmpty()) {
            err.println(PROGRAM + ": unknown command '" + word.replaceAll("\\p{Cntrl}", "?") + "'; the commands are "
                    + COMMANDS.stream().map(Command::name).collect(Collectors.joining(", ")) + " (see --help)");
            return 2;
        }
        Command c = command.get();
        String[] rest = named ? Arrays.copyOfRange(args, 1, args.length) : args;
        return Cli.run(c.program(), rest, out, err, a -> c.body().run(a, out, live));
    }

    /** The top-level help: the form, the commands, where each command's options are listed. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar backprop-ninja.jar [COMMAND] [options]\n")
                .append("The backprop-ninja notebook's MLP with hand-written gradients.\n\ncommands:\n");
        for (Command c : COMMANDS) {
            sb.append(String.format(Locale.ROOT, "  %-11s%s%n", c.name(), c.summary()));
        }
        sb.append("\nWithout a command, train runs with the options given.\n")
                .append("java -jar backprop-ninja.jar COMMAND --help lists a command's options.\n");
        return sb.toString();
    }
}
