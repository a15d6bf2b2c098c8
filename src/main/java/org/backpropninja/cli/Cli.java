package org.backpropninja.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.backpropninja.failure.BadInput;
import org.backpropninja.run.RunWriteException;

/**
 * The thin shell around every entry point: runs the command's body and turns every way it can stop
 * into one line on stderr and an exit status, never a stack trace.
 *
 * <ul>
 *   <li>0: done, or {@code --help} printed;</li>
 *   <li>1: the command ran and reported a failure (for example a failing gradient row), or an I/O
 *   or internal error, named in one sentence (a file of a run that cannot be written:
 *   {@link RunWriteException});</li>
 *   <li>2: bad input ({@link BadInput}, whatever package threw it): an unknown or malformed option,
 *   a bad names file, a bad model file, an output directory that is refused, a run that diverged;</li>
 *   <li>3: GradCheck alone, returned by its body: nothing failed, but finite differences could not
 *   judge some element (an inconclusive row).</li>
 * </ul>
 *
 * The library below the commands throws its own exceptions, each with a one-sentence message; this
 * is the one place that maps them to exit statuses.
 */
public final class Cli {

    private Cli() {
    }

    /** A command body: returns its exit status. */
    @FunctionalInterface
    public interface Body {
        int run(String[] args) throws IOException;
    }

    /** Runs the body and returns the exit status, writing any error as one line on err. */
    public static int run(String program, String[] args, PrintStream out, PrintStream err, Body body) {
        try {
            return body.run(args);
        } catch (HelpRequested help) {
            out.print(help.getMessage());
            out.flush();
            return 0;
        } catch (BadInput e) {
            err.println(program + ": " + e.getMessage());
            return 2;
        } catch (RunWriteException e) {
            err.println(program + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println(program + ": I/O error: " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            err.println(program + ": out of memory; give the JVM more heap with -Xmx or use smaller sizes");
            return 1;
        } catch (RuntimeException e) {
            err.println(program + ": internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
            return 1;
        }
    }

    /** Runs the body and exits the JVM with its status. For {@code main} methods only. */
    public static void main(String program, String[] args, Body body) {
        int status = run(program, args, System.out, System.err, body);
        System.out.flush();
        System.exit(status);
    }
}
