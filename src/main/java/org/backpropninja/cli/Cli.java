package org.backpropninja.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.backpropninja.failure.BadInput;
import org.backpropninja.run.RunWriteException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The thin shell around every entry point: parses the arguments with picocli against a command's
 * declared options, runs the command's body and turns every way it can stop into one line on stderr
 * and an exit status, never a stack trace.
 *
 * <ul>
 *   <li>0: done, or {@code --help}, {@code help COMMAND} or {@code --version} printed;</li>
 *   <li>1: the command ran and reported a failure (for example a failing gradient row), or an I/O
 *   or internal error, named in one sentence (a file of a run that cannot be written:
 *   {@link RunWriteException}; standard output that could not be written: {@link Output});</li>
 *   <li>2: bad input ({@link BadInput}, whatever package threw it, and picocli's own parameter errors,
 *   worded by {@link UsageSentence}): an unknown or malformed option, a bad names file, a bad model
 *   file, an output directory that is refused, a run that diverged;</li>
 *   <li>3: GradCheck alone, returned by its body: nothing failed, but finite differences could not
 *   judge some element (an inconclusive row).</li>
 * </ul>
 *
 * The library below the commands throws its own exceptions, each with a one-sentence message; this
 * is the one place that maps them to exit statuses.
 */
public final class Cli {

    /** Exit status of bad input. */
    public static final int BAD_INPUT = 2;

    /** Exit status of a failure the command ran into (a write, the memory, a bug). */
    public static final int FAILED = 1;

    /** Columns of the usage help: room for an option, its help and its default on one line. */
    static final int USAGE_WIDTH = 100;

    private Cli() {
    }

    /**
     * A command: its options declared with picocli's annotations, its body in {@code call()}, which
     * returns the exit status.
     */
    public interface Command extends Callable<Integer> {
        /** The name in front of its messages on stderr, for example {@code Train}. */
        String program();
    }

    /** Parses {@code args} for {@code command} alone, runs it and returns the exit status. */
    public static int run(Command command, String[] args, Output out, PrintStream err) {
        return run(new CommandLine(command), args, out, err);
    }

    /**
     * Parses {@code args} against {@code line} (a command, or one with subcommands), runs the command
     * they name and returns the exit status; every error is one line on {@code err}.
     */
    public static int run(CommandLine line, String[] args, Output out, PrintStream err) {
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setUsageHelpWidth(USAGE_WIDTH);
        line.setOverwrittenOptionsAllowed(true); // the last of a repeated option wins, as on most command lines
        line.setParameterExceptionHandler((e, a) -> {
            err.println(program(e.getCommandLine()) + ": " + UsageSentence.of(e));
            return BAD_INPUT;
        });
        line.setExecutionExceptionHandler((e, cl, parsed) -> failure(program(cl), e, err));
        int status;
        try {
            status = line.execute(args);
        } catch (OutOfMemoryError e) {
            status = failure(program(ran(line)), e, err);
        }
        out.flush();
        if (status != FAILED && status != BAD_INPUT && out.problem().isPresent()) {
            err.println(program(ran(line)) + ": " + out.problem().get());
            return FAILED;
        }
        return status;
    }

    /** Runs the command made for the process's standard output and exits the JVM with its status. For {@code main}. */
    public static void main(Function<Output, Command> command, String[] args) {
        Output out = Output.standard();
        System.exit(run(command.apply(out), args, out, System.err));
    }

    /** Prints the sentence for {@code e} after the program's name; returns the exit status. */
    static int failure(String program, Throwable e, PrintStream err) {
        if (e instanceof BadInput) {
            err.println(program + ": " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof RunWriteException || e instanceof Output.Lost) {
            err.println(program + ": " + e.getMessage());
            return FAILED;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(program + ": I/O error: " + e.getMessage());
            return FAILED;
        }
        if (e instanceof OutOfMemoryError) {
            err.println(program + ": out of memory; give the JVM more heap with -Xmx or use smaller sizes");
            return FAILED;
        }
        err.println(program + ": internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
        return FAILED;
    }

    /** The name in a command's messages: its own, else the nearest parent's, else the root's. */
    static String program(CommandLine line) {
        for (CommandLine c = line; c != null; c = c.getParent()) {
            if (c.getCommandSpec().userObject() instanceof Command command) {
                return command.program();
            }
        }
        return line.getCommandSpec().root().name();
    }

    /** The command the arguments named: the deepest subcommand parsed, else {@code line} itself. */
    private static CommandLine ran(CommandLine line) {
        ParseResult parsed = line.getParseResult();
        if (parsed == null) {
            return line;
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().commandLine();
    }
}
