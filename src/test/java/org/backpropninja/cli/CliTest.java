package org.backpropninja.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.backpropninja.data.DataException;
import org.backpropninja.failure.BadInput;
import org.backpropninja.model.ModelFileException;
import org.backpropninja.run.RunDirectoryException;
import org.backpropninja.run.RunWriteException;
import org.backpropninja.safetensors.SafeTensorsException;
import org.backpropninja.train.DivergedException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The shell maps every kind of bad input once, at its supertype: exit 2 and one line naming the program. */
class CliTest {

    record Outcome(int status, String out, String err) {
    }

    /** A command whose body throws what it is given. */
    @Command(name = "prog")
    static final class Throwing implements Cli.Command {
        private final RuntimeException thrown;

        Throwing(RuntimeException thrown) {
            this.thrown = thrown;
        }

        @Override
        public String program() {
            return "Prog";
        }

        @Override
        public Integer call() {
            throw thrown;
        }
    }

    static Outcome run(RuntimeException thrown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new Throwing(thrown), new String[0], Output.of(out, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A kind of bad input the shell has never heard of. */
    static final class NewKind extends BadInput {
        private static final long serialVersionUID = 1L;

        NewKind(String message) {
            super(message);
        }
    }

    @Test
    void everyBadInputExitsWithTwoAndItsSentenceOnStderr() {
        List<BadInput> kinds = List.of(new UsageError("a usage sentence"), new DataException("a data sentence"),
                new SafeTensorsException("a safetensors sentence"), new ModelFileException("a model sentence"),
                new RunDirectoryException("a directory sentence"), new DivergedException(3, Double.NaN, 0.5,
                        Double.POSITIVE_INFINITY), new NewKind("a new kind's sentence"));
        for (BadInput e : kinds) {
            Outcome o = run(e);
            assertEquals(new Outcome(2, "", "Prog: " + e.getMessage() + System.lineSeparator()), o,
                    e.getClass().getSimpleName());
        }
    }

    @Test
    void aFailedWriteAndABugAreNotBadInput() {
        assertEquals(new Outcome(1, "", "Prog: cannot write x" + System.lineSeparator()),
                run(new RunWriteException("cannot write x")));
        assertEquals(new Outcome(1, "", "Prog: internal error (IllegalStateException): broken"
                + System.lineSeparator()), run(new IllegalStateException("broken")));
    }
}
