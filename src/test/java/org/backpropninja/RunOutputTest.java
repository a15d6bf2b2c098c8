package org.backpropninja;

import static org.backpropninja.Commands.assertOneSentence;
import static org.backpropninja.testing.DirectoryListing.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backpropninja.Commands.Run;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Output;
import org.backpropninja.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user can rely on about Train's output directory: all or nothing, never shared, refused at
 * the start with one sentence, files with the umask's modes, a failed write naming the file and its
 * cause. A full disk and an out-of-memory error are simulated by a failing writer; the kill is a real
 * SIGTERM to a child JVM.
 */
class RunOutputTest {

    private static final String MODEL = org.backpropninja.model.ModelFile.NAME;

    @TempDir
    Path dir;

    /** A run of 20 steps on a tiny network: enough to write all three files. */
    static String[] tiny(Path out) {
        return new String[] {"--steps", "20", "--embd", "2", "--hidden", "4", "--samples", "2", "--out", out.toString()};
    }

    static Run train(RunDirectory.Sink sink, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Output o = Output.of(out, StandardCharsets.UTF_8);
        int status = Cli.run(new Train(o, false, sink), args, o, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theThreeFilesHaveTheModeOfAnyFileTheUserWrites() throws IOException {
        Path out = dir.resolve("modes");
        assertEquals(0, train(RunDirectory.FILES, tiny(out)).status());
        String umasks = PosixFilePermissions.toString(Files.getPosixFilePermissions(
                Files.writeString(dir.resolve("reference"), "x")));
        for (String f : List.of("model.safetensors", "loss.png", "metrics.json")) {
            assertEquals(umasks, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))), f);
        }
    }

    @Test
    void aDiskFillingWhileThePlotIsWrittenLeavesNothingAndNamesTheFile() throws IOException {
        Path out = dir.resolve("parent/full");
        RunDirectory.Sink full = (file, bytes) -> {
            if (file.getFileName().toString().equals("loss.png")) {
                throw new IOException("No space left on device");
            }
            RunDirectory.FILES.write(file, bytes);
        };
        Run r = train(full, tiny(out));
        assertEquals(1, r.status(), r.err());
        assertEquals("Train: cannot write " + out.resolve("loss.png") + " (No space left on device); nothing was"
                + " written to " + out + System.lineSeparator(), r.err());
        assertFalse(r.out().contains("wrote "), r.out());
        assertEquals(List.of(), entries(dir), "no model.safetensors alone, no partial directory, no parent left");
        assertEquals(0, train(RunDirectory.FILES, tiny(out)).status(), "the next run into it is not refused");
        assertEquals(List.of("loss.png", "metrics.json", "model.safetensors"), entries(out));
    }

    @Test
    void anOutOfMemoryErrorLeavesNoEmptyDirectory() throws IOException {
        Path out = dir.resolve("oom");
        Run r = train((file, bytes) -> {
            throw new OutOfMemoryError("Java heap space");
        }, tiny(out));
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("Train: out of memory"), r.err());
        assertEquals(List.of(), entries(dir));
    }

    @Test
    void aSecondRunIntoADirectoryAnotherRunIsWritingIsRefusedAtTheStart() throws IOException {
        Path out = dir.resolve("busy");
        try (RunDirectory other = RunDirectory.claim(out, MODEL, RunDirectory.FILES)) {
            Run r = train(RunDirectory.FILES, tiny(out));
            assertOneSentence(r, "is being written by another run");
            assertEquals("", r.out(), "refused before any training");
            other.write("model.safetensors", new byte[] {1});
            other.commit();
        }
        assertEquals(List.of("model.safetensors"), entries(out), "the other run's files are the only ones");
        assertOneSentence(train(RunDirectory.FILES, tiny(out)), "already holds a model.safetensors");
    }

    @Test
    void anEmptyOutIsRefused() {
        Run r = train(RunDirectory.FILES, "--steps", "20", "--embd", "2", "--hidden", "4", "--out", "");
        assertOneSentence(r, "option --out must name a directory");
        assertEquals("", r.out());
        assertFalse(Files.exists(Path.of("model.safetensors")), "nothing written into the current directory");
    }

    /**
     * A real kill: a child JVM trains into {@code out}; as soon as its partial directory exists it
     * gets SIGTERM. Afterwards neither the run nor the partial directory nor the parent it created
     * is left.
     */
    @Test
    void aKilledRunLeavesNothing() throws Exception {
        Path parent = dir.resolve("killed-parent");
        Path out = parent.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Train.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(java, "-cp", classes, "org.backpropninja.Train", "--steps", "100000000",
                "--embd", "2", "--hidden", "4", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            Path partial = parent.resolve(".run.partial");
            for (int waited = 0; !Files.exists(partial) && p.isAlive() && waited < 600; waited++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(partial), "the child claimed its directory: " + Files.readString(dir.resolve("child.log")));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child stopped");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of("child.log"), entries(dir));
    }
}
