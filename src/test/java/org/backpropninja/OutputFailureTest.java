package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Output;
import org.backpropninja.model.ModelFile;
import org.backpropninja.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard output that cannot be written ({@code > /dev/full}): the printed lines are a command's
 * result, so losing them is exit status 1 with one sentence saying what happened, never 0, and a
 * full disk is never reported as a closed pipe.
 */
class OutputFailureTest {

    /** A device that is always full, as /dev/full: every write fails with the kernel's words. */
    static final class Full extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    record Outcome(int status, String err) {
    }

    static Outcome run(Function<Output, Cli.Command> make, String... args) {
        Output out = Output.of(new Full(), StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(make.apply(out), args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainIntoAFullOutputExitsOneSayingTheOutputCouldNotBeWritten(@TempDir Path dir) {
        Outcome o = run(out -> new Train(out, false), "--steps", "20", "--embd", "2", "--hidden", "4", "--samples", "2",
                "--out", dir.resolve("run").toString());
        assertEquals(new Outcome(1, "Train: the output could not be written (No space left on device); the run's"
                + " files, losses included in metrics.json, are in " + dir.resolve("run") + System.lineSeparator()), o);
        assertTrue(Files.isRegularFile(dir.resolve("run").resolve("metrics.json")), "the run is complete on disk");
    }

    @Test
    void sampleIntoAFullOutputSaysItWasFullNotClosed(@TempDir Path dir) throws IOException {
        Path model = Files.write(dir.resolve("model.safetensors"), ModelFile.encode(Models.abc()));
        Outcome o = run(Sample::new, "--model", model.toString(), "--samples", "5");
        assertEquals(new Outcome(1, "Sample: the output could not be written after 0 of 5 names (No space left on"
                + " device); stopped" + System.lineSeparator()), o);
        assertFalse(o.err().contains("closed"), o.err());
    }

    @Test
    void helpIntoAFullOutputIsNotReportedAsPrinted() {
        Outcome o = run(Bench::new, "--help");
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith("Bench: the output could not be written (No space left on device)"), o.err());
    }
}
