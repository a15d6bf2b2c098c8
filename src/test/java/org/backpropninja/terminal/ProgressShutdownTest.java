package org.backpropninja.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or kill during a run ends the live progress line, so the shell's prompt is not glued to
 * it. The real {@code Train} command runs in a child JVM on a pseudo-terminal (util-linux's
 * {@code script}, so that it draws its live line as on a terminal); the child is sent SIGTERM (the
 * shutdown path Ctrl-C shares), and the terminal's transcript must end with a line end after the
 * last drawn line. A run that ends normally passes through the same shutdown hook with its line
 * already cleared, and must not get a second line end.
 */
class ProgressShutdownTest {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    /** The shell command that runs Train with these options, quoted for {@code script -c}. */
    private static String train(String... options) {
        StringBuilder sb = new StringBuilder();
        sb.append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
                .append(" -cp ").append(quote(System.getProperty("java.class.path")))
                .append(" org.backpropninja.Train");
        for (String o : options) {
            sb.append(' ').append(quote(o));
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Starts {@code command} on a pseudo-terminal; its transcript goes to {@code transcript}. */
    private static Process onATerminal(String command, Path transcript) throws IOException {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script gives the child a terminal; not installed here");
        return new ProcessBuilder(List.of(SCRIPT.toString(), "-qefc", command, "/dev/null"))
                .redirectOutput(transcript.toFile()).redirectErrorStream(true).start();
    }

    @Test
    void aKilledRunEndsItsLiveLine(@TempDir Path dir) throws Exception {
        Path transcript = dir.resolve("transcript");
        Process p = onATerminal(train("--steps", "100000000", "--embd", "2", "--hidden", "4", "--samples", "0",
                "--out", dir.resolve("run").toString()), transcript);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(transcript).contains("\r  step ") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(transcript).contains("\r  step "), "the live line is drawn");
            ProcessHandle java = p.descendants().filter(h -> h.info().command().orElse("").endsWith("java"))
                    .findFirst().orElseThrow();
            java.destroy();                                            // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the run stops");
            String out = Files.readString(transcript);
            int lastLine = out.lastIndexOf("\r  step ");
            assertTrue(out.endsWith("\r\n"), "the line is ended: " + out.substring(lastLine).replace("\r", "\\r"));
            assertEquals(out.length() - 1, out.indexOf('\n', lastLine), "nothing is written after the line end but the line end: "
                    + out.substring(lastLine).replace("\r", "\\r").replace("\n", "\\n"));
            assertFalse(Files.exists(dir.resolve("run")), "a killed run leaves nothing");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aRunThatEndsNormallyHasNoSecondLineEnd(@TempDir Path dir) throws Exception {
        Path transcript = dir.resolve("transcript");
        Process p = onATerminal(train("--steps", "300", "--embd", "2", "--hidden", "4", "--samples", "1",
                "--out", dir.resolve("run").toString()), transcript);
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run ends");
            assertEquals(0, p.exitValue());
            String out = Files.readString(transcript);
            assertTrue(out.endsWith("loss.png and metrics.json\r\n"), out.replace("\r", "\\r").replace("\n", "\\n"));
        } finally {
            p.destroyForcibly();
        }
    }
}
