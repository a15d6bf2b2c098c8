package org.backpropninja;

import static org.backpropninja.Commands.assertOneSentence;
import static org.backpropninja.Commands.sample;
import static org.backpropninja.Commands.train;
import static org.backpropninja.Commands.with;
import static org.backpropninja.Commands.withoutTimes;
import static org.backpropninja.Commands.SMALL;
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
import org.backpropninja.terminal.Progress;
import org.backpropninja.testing.LiveLines;
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


    static Path dir;
    static Run first;

    @BeforeAll
    static void trainOnce(@TempDir Path tmp) {
        dir = tmp;
        first = train(with(SMALL, "--threads", "1", "--out", tmp.resolve("a").toString()));
        assertEquals(0, first.status(), first.err());
    }

    /** The index of the first line of the run starting with {@code prefix}. */
    static int indexOf(Run r, String prefix) {
        List<String> lines = r.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in\n" + r.out());
    }

    /** The sampled names of a run: the lines between the test loss and the "wrote" line. */
    static List<String> names(Run r) {
        return r.lines().subList(indexOf(r, "test ") + 1, indexOf(r, "wrote "));
    }

    @Test
    void printsTheNotebooksLinesInOrder() {
        List<String> lines = first.lines();
        assertEquals("vocab_size: 27", lines.get(0));
        assertEquals("splits: 182625 22655 22866", lines.get(1));
        assertEquals("params: " + (27 * 4 + 12 * 16 + 16 + 16 * 27 + 27 + 2 * 16), lines.get(2));
        for (int k = 0; k < 10; k++) {
            assertTrue(lines.get(3 + k).matches(String.format(java.util.Locale.ROOT, "%7d/   1000: \\d\\.\\d{4}",
                    100 * k)), lines.get(3 + k));
        }
        assertTrue(lines.get(13).startsWith("trained 1000 steps in "), lines.get(13));
        assertTrue(lines.get(14).matches("train \\d\\.\\d+"), lines.get(14));
        assertTrue(lines.get(15).matches("val \\d\\.\\d+"), lines.get(15));
        assertTrue(lines.get(16).matches("test \\d\\.\\d+"), lines.get(16));
        assertEquals(5, lines.subList(17, 22).stream().filter(l -> l.endsWith(".")).count());
        assertTrue(lines.get(22).startsWith("wrote "), lines.get(22));
        assertEquals(23, lines.size());
        assertEquals("", first.err());
    }

    /**
     * Runs of 100,000 steps or more log every 10,000 steps as the notebook does (the default run's
     * lines are unchanged); a shorter run logs every tenth of its length, rounded down to 1, 2 or 5
     * times a power of ten, so at least ten lines show the loss moving.
     */
    @Test
    void progressLinesComeEveryTenThousandStepsOnLongRunsAndAtLeastTenTimesOnShortOnes() {
        assertEquals(10_000, Progress.logEvery(200_000));
        assertEquals(10_000, Progress.logEvery(100_000));
        assertEquals(5_000, Progress.logEvery(99_999));
        assertEquals(2_000, Progress.logEvery(20_001));
        assertEquals(100, Progress.logEvery(1_000));
        assertEquals(20, Progress.logEvery(300));
        assertEquals(1, Progress.logEvery(7));
        for (long steps = 1; steps < 100_000; steps = steps * 3 + 1) {
            long every = Progress.logEvery(steps);
            long lines = (steps + every - 1) / every;
            assertTrue(lines >= Math.min(10, steps) && lines <= 25, steps + " steps, every " + every);
        }
        Run r = train("--steps", "300", "--embd", "2", "--hidden", "4", "--samples", "0", "--out",
                dir.resolve("log").toString());
        assertEquals(0, r.status(), r.err());
        List<String> logged = r.lines().stream().filter(l -> l.matches(" *\\d+/ *300: .*")).toList();
        assertEquals(15, logged.size(), logged.toString());
        assertTrue(logged.get(1).startsWith("     20/    300: "), logged.get(1));
    }

    @Test
    void theLossFallsFromTheInitialisation() {
        double initial = Double.parseDouble(first.lines().get(3).split(": ")[1]);
        double trained = Double.parseDouble(first.lines().get(indexOf(first, "train ")).split(" ")[1]);
        // ln(27) = 3.30 is the loss of a uniform guess; 1,000 steps must get well below it.
        assertTrue(trained < initial - 0.5 && trained < 3.0, "initial " + initial + ", trained " + trained);
    }

    @Test
    void writesModelPlotAndMetrics() throws IOException {
        Path a = dir.resolve("a");
        assertTrue(Files.size(a.resolve("model.safetensors")) > 0);
        assertTrue(Files.size(a.resolve("loss.png")) > 0);
        String json = Files.readString(a.resolve("metrics.json"));
        for (String key : List.of("train_loss", "val_loss", "test_loss", "steps", "seconds", "steps_per_second")) {
            assertTrue(json.contains("\"" + key + "\""), json);
        }
        assertTrue(json.contains("\"steps\": 1000"), json);
        Path data = org.backpropninja.data.DataFile.locate(java.util.Optional.empty());
        for (String field : List.of("\"embd\": 4,", "\"hidden\": 16,", "\"block\": 3,", "\"batch\": 32,",
                "\"lr\": 0.1,", "\"lr_decay_step\": 700,", "\"lr_after\": 0.01,", "\"seed\": 2147483647,",
                "\"data\": \"" + data + "\",", "\"data_sha256\": \"" + sha256(data) + "\",",
                "\"version\": \"0.1.0-SNAPSHOT\"")) {
            assertTrue(json.contains(field), field + " in\n" + json);
        }
        try (var files = Files.list(a)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    /** The SHA-256 of a file, computed here with the JDK's digest, in hex. */
    static String sha256(Path file) throws IOException {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aThousandStepRunGivesTheSameBitsAtOneAndThreeThreads() throws IOException {
        Run again = train(with(SMALL, "--threads", "3", "--out", dir.resolve("b").toString()));
        assertEquals(0, again.status(), again.err());
        assertEquals(withoutTimes(first.out()), withoutTimes(again.out()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")), Files.readAllBytes(dir.resolve("b/model.safetensors")));
        assertEquals(withoutTimes(Files.readString(dir.resolve("a/metrics.json"))),
                withoutTimes(Files.readString(dir.resolve("b/metrics.json"))));
    }

    @Test
    void aSavedModelSamplesTheSameNamesWithoutRetraining() {
        Run r = sample("--model", dir.resolve("a/model.safetensors").toString(), "--samples", "5");
        assertEquals(0, r.status(), r.err());
        assertEquals(names(first), r.lines());
        Run other = sample("--model", dir.resolve("a/model.safetensors").toString(), "--samples", "5", "--seed", "7");
        assertFalse(other.lines().equals(r.lines()), "another seed gives other names");
    }

    @Test
    void aCorruptedModelIsOneSentence() throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve("a/model.safetensors"));
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

    /**
     * The case: at a learning rate of 1e6 the loss grows to 5.4e7 in 300 steps without ever
     * becoming NaN; the run used to exit 0 and save the model. Now it stops at the first step above the
     * guard's limit, naming the step, the loss and the rate, with status 2 and nothing written.
     */
    @Test
    void aDivergingLearningRateStopsAtTheFirstLossAboveTheLimitNamingStepLossAndRate() throws IOException {
        Path out = dir.resolve("diverged");
        Run r = train("--lr", "1e6", "--steps", "300", "--out", out.toString());
        assertOneSentence(r, "at step ");
        Matcher m = Pattern.compile("^Train: the loss became (\\S+) at step (\\d+) \\(learning rate 1000000\\.0\\),"
                + " more than the limit (\\S+) \\(10 times the larger of ln\\(vocab_size\\) and the first step's loss\\):"
                + " the run diverged; try a smaller learning rate\\R$").matcher(r.err());
        assertTrue(m.find(), r.err());
        double initial = Double.parseDouble(r.lines().get(3).split(": ")[1]);
        double limit = 10 * Math.max(Math.log(27), initial);
        assertTrue(Double.parseDouble(m.group(1)) > limit, r.err());
        assertTrue(Integer.parseInt(m.group(2)) < 300, r.err());
        assertFalse(r.out().contains("wrote "), r.out());
        assertFalse(Files.exists(out), "nothing written");
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("diverged")), "no partial directory left");
        }
    }

    /**
     * On a terminal the loading of the names, the calibration and the evaluation, each minutes on a
     * large names file, draw a progress line as the steps do; the lines that stay are those of a run
     * without one.
     */
    @Test
    void aLiveRunShowsProgressThroughLoadingCalibrationAndEvaluation() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.backpropninja.cli.Output o = org.backpropninja.cli.Output.of(bytes, java.nio.charset.StandardCharsets.UTF_8);
        String[] args = with(SMALL, "--out", dir.resolve("live").toString());
        assertEquals(0, org.backpropninja.cli.Cli.run(new Train(o, true), args, o, System.err));
        String live = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(Pattern.compile("\r  loading \\S+: stage 4/4 ").matcher(live).find(),
                "the loading of the names draws its line to its end: " + live.substring(0, Math.min(200, live.length())));
        assertTrue(LiveLines.reachedItsEnd(live, "calibration and evaluation: chunk"),
                "the line reaches its end: " + LiveLines.lastCount(live, "calibration and evaluation: chunk"));
        String kept = LiveLines.kept(live);
        Run plain = train(with(SMALL, "--out", dir.resolve("plain").toString()));
        assertEquals(Commands.withoutTimes(plain.out()), Commands.withoutTimes(kept).replace(dir.resolve("live").toString(),
                dir.resolve("plain").toString()));
    }

    /** A link the final rename could not use is refused before the first step: no training thrown away. */
    @Test
    void aDanglingLinkAsOutIsRefusedBeforeAnyTraining() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Run r = train(with(SMALL, "--out", link.toString()));
        assertOneSentence(r, "is a symbolic link to " + dir.resolve("nowhere") + ", which does not exist");
        assertEquals("", r.out(), "not a step trained");
    }

    /** With two steps the decay comes at step 1: the message names 1e6, the rate that blew the loss up. */
    @Test
    void theDivergenceMessageNamesTheRateOfTheUpdateThatBlewTheLossUp() {
        Run r = train("--lr", "1e6", "--steps", "2", "--out", dir.resolve("two").toString());
        assertOneSentence(r, "at step 1 (learning rate 1000000.0)");
    }

    @Test
    void anOutDirectoryThatHoldsAModelOrCannotBeWrittenIsRefused() throws IOException {
        assertOneSentence(train(with(SMALL, "--out", dir.resolve("a").toString())), "already holds a model.safetensors");
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        assertOneSentence(train(with(SMALL, "--out", file.resolve("sub").toString())), "cannot be written");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Run r = train("--help");
        assertEquals(0, r.status());
        for (String opt : List.of("--data", "--steps", "--embd", "--hidden", "--block", "--batch", "--lr=",
                "--lr-decay-step", "--lr-after", "--seed", "--samples", "--threads", "--out")) {
            assertTrue(r.out().contains(opt), opt + " in\n" + r.out());
        }
        assertTrue(r.out().contains("(default: 200000)") && r.out().contains("(default: 2147483647)"), r.out());
    }
}
