package org.backpropninja;

import java.io.PrintStream;
import java.util.Set;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Output;
import org.backpropninja.cli.ProjectVersion;
import org.backpropninja.terminal.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The jar's entry point, git-style: {@code java -jar backprop-ninja.jar [COMMAND] [options]}. The
 * first word names the command (train, sample, evaluate, gradcheck, bench, and help and completion);
 * without one, or when the first word is an option other than {@code --help} and {@code --version},
 * the command is train, so the jar's old form keeps working. Each command is the class of the same
 * name, whose own {@code main} also runs on its own ({@code java -cp backprop-ninja.jar
 * org.backpropninja.Sample ...}).
 */
@Command(name = Main.PROGRAM, mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        synopsisHeading = "", customSynopsis = "usage: java -jar backprop-ninja.jar [COMMAND] [options]",
        description = "The backprop-ninja notebook's MLP with hand-written gradients.",
        commandListHeading = "%ncommands:%n",
        footer = {"", "Without a command, train runs with the options given.",
            "java -jar backprop-ninja.jar COMMAND --help (or help COMMAND) lists a command's options."})
public final class Main implements Runnable {

    static final String PROGRAM = "backprop-ninja";

    /** The words that are the jar's own options rather than train's. */
    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @Spec
    private CommandSpec spec;

    private Main() {
    }

    public static void main(String[] args) {
        Output out = Output.standard();
        System.exit(run(args, out, System.err, Progress.isTerminal()));
    }

    /** Runs the command the arguments name; returns its exit status (2 for an unknown command). */
    static int run(String[] args, Output out, PrintStream err, boolean live) {
        return Cli.run(line(out, live), withDefaultCommand(args), out, err);
    }

    /** The jar's command line: the five commands, then help and completion. */
    static CommandLine line(Output out, boolean live) {
        CommandLine line = new CommandLine(new Main());
        line.addSubcommand(new Train(out, live));
        line.addSubcommand(new Sample(out));
        line.addSubcommand(new Evaluate(out, live));
        line.addSubcommand(new GradCheck(out, live));
        line.addSubcommand(new Bench(out));
        line.addSubcommand(new CommandLine.HelpCommand());
        line.addSubcommand(new Completion(out));
        return line;
    }

    /** The arguments with "train" in front when they name no command: none, or an option of train's first. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length > 0 && (!args[0].startsWith("-") || OWN_OPTIONS.contains(args[0]))) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Reached only when the arguments name no command, which {@link #withDefaultCommand} prevents: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
