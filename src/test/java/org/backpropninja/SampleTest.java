package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Output;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.backpropninja.model.Model;
import org.backpropninja.model.ModelFile;
import org.backpropninja.model.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample stops when its output is closed, and never prints a name cut at the length cap as if it had ended. */
class SampleTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path endless;

    /** A small random model over ".abc"; with {@code endOffset} added to the logit of '.'. */
    static Model model(double endOffset) {
        Random r = new Random(17);
        Matrix.IndexFunction g = (i, j) -> r.nextGaussian();
        Matrix b2 = Matrix.generate(1, 4, (i, j) -> j == 0 ? endOffset : r.nextGaussian());
        Params p = new Params(Matrix.generate(4, 2, g), Matrix.generate(6, 3, g), Matrix.generate(1, 3, g),
                Matrix.generate(3, 4, (i, j) -> 0.3 * r.nextGaussian()), b2, Matrix.generate(1, 3, g),
                Matrix.generate(1, 3, g));
        return new Model(List.of(".", "a", "b", "c"), 3, p, Matrix.generate(1, 3, g),
                Matrix.generate(1, 3, (i, j) -> 0.5 + r.nextDouble()));
    }

    @BeforeAll
    static void models() throws IOException {
        model = dir.resolve("model.safetensors");
        java.nio.file.Files.write(model, org.backpropninja.model.ModelFile.encode(model(0)));
        endless = dir.resolve("endless.bin");
        java.nio.file.Files.write(endless, org.backpropninja.model.ModelFile.encode(model(-1e4))); // exp(-1e4) is 0: '.' is never drawn
    }

    /** An output that accepts {@code lines} lines, then fails every write, as a pipe whose reader has gone. */
    static final class ClosingAfter extends OutputStream {
        final ByteArrayOutputStream accepted = new ByteArrayOutputStream();
        int lines;
        int refusedWrites;

        ClosingAfter(int lines) {
            this.lines = lines;
        }

        @Override
        public void write(int b) throws IOException {
            if (lines == 0) {
                refusedWrites++;
                throw new IOException("Broken pipe");
            }
            accepted.write(b);
            if (b == '\n') {
                lines--;
            }
        }
    }

    @Test
    void sampleStopsAtTheFirstNameItCannotPrint() {
        ClosingAfter pipe = new ClosingAfter(2);
        Output out = Output.of(pipe, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(new Sample(out), new String[] {"--model", model.toString(), "--samples", "100000"}, out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, pipe.accepted.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(pipe.refusedWrites <= 2, "one name tried after the close, not 99,998: " + pipe.refusedWrites);
        assertEquals(1, status);
        assertEquals("Sample: the output could not be written after 2 of 100000 names (Broken pipe); stopped"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNameThatReachesTheLengthCapIsMarkedAsCut() {
        Commands.Run r = Commands.sample("--model", endless.toString(), "--samples", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals(3, r.lines().size());
        for (String line : r.lines()) {
            assertTrue(line.matches("[abc]{" + Sampler.MAX_LENGTH + "} \\[cut: no end after 256 characters\\]"), line);
        }
        Commands.Run ended = Commands.sample("--model", model.toString(), "--samples", "20");
        assertTrue(ended.lines().stream().allMatch(l -> l.matches("[abc]*\\.")), ended.out());
    }
}
