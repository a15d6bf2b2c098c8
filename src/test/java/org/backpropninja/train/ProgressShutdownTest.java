package org.backpropninja.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or kill during a run ends the live progress line, so the shell's prompt is not glued to
 * it: a JVM drawing a live line is sent SIGTERM (what the shutdown path of Ctrl-C shares), and its
 * output must end with a line end after the last drawn line.
 */
class ProgressShutdownTest {

    /** Draws a live progress line until killed; prints "drawing" on stderr once the line is drawn. */
    public static final class Drawing {
        public static void main(String[] args) throws InterruptedException {
            Progress p = new Progress(System.out, true, Long.MAX_VALUE);
            for (long step = 1; ; step++) {
                p.update(step);
                if (step == 1) {
                    Thread.sleep(250);
                } else if (step == 2) {
                    System.err.println("drawing");
                }
                Thread.sleep(1);
            }
        }
    }

    @Test
    void aKilledRunEndsItsLiveLine(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stdout = dir.resolve("stdout");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Drawing.class.getName()).redirectOutput(stdout.toFile()).start();
        try {
            byte[] first = p.getErrorStream().readNBytes("drawing".length());
            assertEquals("drawing", new String(first, StandardCharsets.US_ASCII));
            p.destroy();                                            // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM stops");
            String out = Files.readString(stdout);
            assertTrue(out.startsWith("\r  step "), out);
            assertTrue(out.endsWith("\n"), "the line is ended: " + out.replace("\r", "\\r"));
            assertEquals(out.length() - 1, out.lastIndexOf('\n'), "nothing drawn after the line end");
        } finally {
            p.destroyForcibly();
        }
    }

    /** A line cleared before the kill needs no line end: the output ends with the clearing. */
    @Test
    void aClearedLineIsNotEndedAgain(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stdout = dir.resolve("stdout");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Cleared.class.getName()).redirectOutput(stdout.toFile()).start();
        try {
            assertEquals("cleared", new String(p.getErrorStream().readNBytes("cleared".length()), StandardCharsets.US_ASCII));
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM stops");
            String out = Files.readString(stdout);
            assertTrue(out.endsWith("\r" + " ".repeat(72) + "\r"), out.replace("\r", "\\r"));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Draws a live line to its end, clears it, says "cleared" on stderr and waits to be killed. */
    public static final class Cleared {
        public static void main(String[] args) throws InterruptedException {
            Progress p = new Progress(System.out, true, 3);
            p.update(3);
            p.clear();
            System.err.println("cleared");
            Thread.sleep(60_000);
        }
    }
}
