package org.backpropninja;

import static org.backpropninja.Commands.assertOneSentence;
import static org.backpropninja.Commands.sample;
import static org.backpropninja.Commands.train;
import static org.backpropninja.Commands.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropninja.Commands.Run;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Train and Sample commands end to end, in-process, on a small model and a thousand steps
 * so the suite stays fast: output lines, files, determinism across --threads (the same bits for
 * a 1,000-step run at 1 and 3 threads), checkpoint round trip, and every bad input as one sentence
 * with status 2 and nothing written.
 */
class TrainTest {

    /** A small, fast run: the real data, a small network (embd 4, hidden 16), 1,000 steps. */
    static final String[] SMALL = {"--steps", "1000", "--embd", "4", "--hidden", "16", "--samples", "5",
            "--lr-decay-step", "700"};

    static Path dir;
    static Run first;

    @BeforeAll
    static void trainOnce(@TempDir Path tmp) {
        dir = tmp;
        first = train(with(SMALL, "--threads", "1", "--out", tmp.resolve("a").toString()));
        assertEquals(0, first.status(), first.err());
    }

    @Test
    void printsTheNotebooksLinesInOrder() {
        List<String> lines = first.lines();
        assertEquals("vocab_size: 27", lines.get(0));
        assertEquals("splits: 182625 22655 22866", lines.get(1));
        assertEquals("params: " + (27 * 4 + 12 * 16 + 16 + 16 * 27 + 27 + 2 * 16), lines.get(2));
        assertTrue(lines.get(3).matches(" {6}0/ {3}1000: \\d\\.\\d{4}"), lines.get(3));
        assertTrue(lines.get(4).startsWith("trained 1000 steps in "), lines.get(4));
        assertTrue(lines.get(5).matches("train \\d\\.\\d+"), lines.get(5));
        assertTrue(lines.get(6).matches("val \\d\\.\\d+"), lines.get(6));
        assertTrue(lines.get(7).matches("test \\d\\.\\d+"), lines.get(7));
        assertEquals(5, lines.subList(8, 13).stream().filter(l -> l.endsWith(".")).count());
        assertTrue(lines.get(13).startsWith("wrote "), lines.get(13));
        assertEquals("", first.err());
    }

    @Test
    void theDefaultNotebookScheduleLogsEveryTenThousandSteps() {
        Run r = train("--steps", "20001", "--embd", "2", "--hidden", "4", "--samples", "0", "--out",
                dir.resolve("log").toString());
        assertEquals(0, r.status(), r.err());
        List<String> logged = r.lines().stream().filter(l -> l.matches(" *\\d+/ *20001: .*")).toList();
        assertEquals(3, logged.size(), logged.toString());
        assertTrue(logged.get(1).startsWith("  10000/  20001: "), logged.get(1));
    }

    @Test
    void theLossFallsFromTheInitialisation() {
        double initial = Double.parseDouble(first.lines().get(3).split(": ")[1]);
        double trained = Double.parseDouble(first.lines().get(5).split(" ")[1]);
        // ln(27) = 3.30 is the loss of a uniform guess; 1,000 steps must get well below it.
        assertTrue(trained < initial - 0.5 && trained < 3.0, "initial " + initial + ", trained " + trained);
    }

    @Test
    void writesModelPlotAndMetrics() throws IOException {
        Path a = dir.resolve("a");
        assertTrue(Files.size(a.resolve("model.bin")) > 0);
        assertTrue(Files.size(a.resolve("loss.png")) > 0);
        String json = Files.readString(a.resolve("metrics.json"));
        for (String key : List.of("train_loss", "val_loss", "test_loss", "steps", "seconds", "steps_per_second")) {
            assertTrue(json.contains("\"" + key + "\""), json);
        }
        assertTrue(json.contains("\"steps\": 1000"), json);
        try (var files = Files.list(a)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aThousandStepRunGivesTheSameBitsAtOneAndThreeThreads() throws IOException {
        Run again = train(with(SMALL, "--threads", "3", "--out", dir.resolve("b").toString()));
        assertEquals(0, again.status(), again.err());
        assertEquals(withoutTimes(first.out()), withoutTimes(again.out()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.bin")), Files.readAllBytes(dir.resolve("b/model.bin")));
        assertEquals(withoutTimes(Files.readString(dir.resolve("a/metrics.json"))),
                withoutTimes(Files.readString(dir.resolve("b/metrics.json"))));
    }

    /** Drops what depends on the clock: the timing line, seconds, steps per second, the output path. */
    static String withoutTimes(String s) {
        return s.lines().filter(l -> !l.startsWith("trained ") && !l.startsWith("wrote ")
                        && !l.contains("second"))
                .reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    void aSavedModelSamplesTheSameNamesWithoutRetraining() {
        Run r = sample("--model", dir.resolve("a/model.bin").toString(), "--samples", "5");
        assertEquals(0, r.status(), r.err());
        assertEquals(first.lines().subList(8, 13), r.lines());
        Run other = sample("--model", dir.resolve("a/model.bin").toString(), "--samples", "5", "--seed", "7");
        assertFalse(other.lines().equals(r.lines()), "another seed gives other names");
    }

    @Test
    void aCorruptedModelIsOneSentence() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("a/model.bin"));
        bytes[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("flipped.bin");
        Files.write(bad, bytes);
        assertOneSentence(sample("--model", bad.toString()), "corrupted");
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 100));
        assertOneSentence(sample("--model", cut.toString()), "truncated");
        assertOneSentence(sample("--model", dir.resolve("nothing.bin").toString()), "does not exist");
        assertOneSentence(sample(), "--model is required");
    }

    @Test
    void badOptionsStopBeforeAnythingIsWritten() {
        Path out = dir.resolve("never");
        String o = out.toString();
        assertOneSentence(train("--steps", "0", "--out", o), "--steps");
        assertOneSentence(train("--batch", "1", "--out", o), "at least 2");
        assertOneSentence(train("--lr", "-0.1", "--out", o), "--lr must be positive");
        assertOneSentence(train("--lr", "fast", "--out", o), "needs a number");
        assertOneSentence(train("--hidden", "0", "--out", o), "--hidden");
        assertOneSentence(train("--threads", "0", "--out", o), "--threads");
        assertOneSentence(train("--epochs", "3", "--out", o), "unknown option --epochs");
        assertOneSentence(train("--steps", "--out", o), "--steps needs a value");
        assertOneSentence(train("--steps", "many", "--out", o), "whole number");
        assertOneSentence(train("stray", "--out", o), "unexpected argument");
        assertOneSentence(train("--data", dir.resolve("none.txt").toString(), "--out", o), "no such file");
        assertFalse(Files.exists(out));
    }

    @Test
    void aDivergingLearningRateStopsAtTheFirstNonFiniteLossNamingTheStep() {
        Path out = dir.resolve("diverged");
        Run r = train(with(SMALL, "--lr", "1e300", "--out", out.toString()));
        assertOneSentence(r, "at step ");
        Matcher m = Pattern.compile("the loss became (NaN|-?Infinity) at step (\\d+)").matcher(r.err());
        assertTrue(m.find(), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void anOutDirectoryThatHoldsAModelOrCannotBeWrittenIsRefused() throws IOException {
        assertOneSentence(train(with(SMALL, "--out", dir.resolve("a").toString())), "already holds a model.bin");
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        assertOneSentence(train(with(SMALL, "--out", file.resolve("sub").toString())), "cannot be written");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Run r = train("--help");
        assertEquals(0, r.status());
        for (String opt : List.of("--data", "--steps", "--embd", "--hidden", "--block", "--batch", "--lr ",
                "--lr-decay-step", "--lr-after", "--seed", "--samples", "--threads", "--out")) {
            assertTrue(r.out().contains(opt), opt + " in\n" + r.out());
        }
        assertTrue(r.out().contains("(default: 200000)") && r.out().contains("(default: 2147483647)"), r.out());
    }
}
