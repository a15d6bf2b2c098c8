package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Output;

/** The commands run in-process, as the command-line tests call them: status, stdout and stderr captured. */
final class Commands {

    private Commands() {
    }

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run train(String... args) {
        return run(o -> new Train(o, false), args);
    }

    /** Through the jar's entry point: a subcommand word first, or none for train. */
    static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, Output.of(out, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A small, fast run: the real data, a small network (embd 4, hidden 16), 1,000 steps. */
    static final String[] SMALL = {"--steps", "1000", "--embd", "4", "--hidden", "16", "--samples", "5",
            "--lr-decay-step", "700"};

    /** Drops what depends on the clock: the timing line, seconds, steps per second, the output path. */
    static String withoutTimes(String s) {
        return s.lines().filter(l -> !l.startsWith("trained ") && !l.startsWith("wrote ")
                        && !l.contains("second"))
                .reduce("", (x, y) -> x + y + "\n");
    }

    static Run sample(String... args) {
        return run(Sample::new, args);
    }

    /** The command {@code make} builds on the captured output, run alone (as its own {@code main} runs it). */
    static Run run(Function<Output, Cli.Command> make, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Output o = Output.of(out, StandardCharsets.UTF_8);
        int status = Cli.run(make.apply(o), args, o, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static void assertOneSentence(Run r, String fragment) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("Exception") && r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
