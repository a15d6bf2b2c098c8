package org.backpropninja;

import static org.backpropninja.Commands.assertOneSentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backpropninja.Commands.Run;
import org.backpropninja.testing.Models;
import org.backpropninja.model.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry point (Train, Sample, GradCheck, Bench) on bad input, in-process through
 * {@link org.backpropninja.cli.Cli#run}: one sentence on stderr, status 2, no stack trace, and no
 * output directory or file created. Complements the cases in {@link TrainTest} and
 * {@link GradCheckTest}. And the names files that look odd but are valid (blank lines, CRLF,
 * uppercase, accents, other scripts): accepted, each new character widening the vocabulary.
 *
 * <p>An unreadable file cannot be made honestly here: the tests run as root, for whom
 * {@code chmod 000} changes nothing. A directory passed as the file is the unreadable path instead.
 */
class EntryPointInputTest {

    @TempDir
    static Path dir;

    /** Twelve names with blank lines, CRLF and lone CR line ends, uppercase, accents, Cyrillic, CJK and an emoji. */
    static final String ODD_BUT_VALID = "emma\r\n\r\nOlivia\r\nZoë\n\nJosé\rИван\n李娜\nava\n\uD83D\uDE00x\n"
            + "mia\r\nNoah\nliam\nÅsa\n";
    static Path oddNames;
    static Path emptyFile;
    static Path binaryFile;
    static Path latin1File;
    static Path model;

    @BeforeAll
    static void files() throws IOException {
        oddNames = Files.writeString(dir.resolve("odd.txt"), ODD_BUT_VALID, StandardCharsets.UTF_8);
        emptyFile = Files.createFile(dir.resolve("empty.txt"));
        binaryFile = Files.write(dir.resolve("names.bin"), new byte[] {'e', 'm', 0, 'a', '\n', (byte) 0x89, 'P'});
        latin1File = Files.write(dir.resolve("latin1.txt"), "zo\u00e9\nava\n".getBytes(StandardCharsets.ISO_8859_1));
        model = dir.resolve("model.safetensors");
        java.nio.file.Files.write(model, org.backpropninja.model.ModelFile.encode(Models.abc()));
    }

    static Run train(String... args) {
        return Commands.train(args);
    }

    static Run sample(String... args) {
        return Commands.sample(args);
    }

    static Run gradCheck(String... args) {
        return Commands.run(GradCheck::new, args);
    }

    static Run bench(String... args) {
        return Commands.run(Bench::new, args);
    }

    /** A usage error naming {@code fragment}, nothing on stdout, and {@code out} never created. */
    static void refusedBeforeWriting(Run r, String fragment, Path out) {
        assertOneSentence(r, fragment);
        assertEquals("", r.out(), "nothing printed before the refusal");
        assertFalse(Files.exists(out), out + " must not be created");
    }

    static String[] trainArgs(Path out, String... more) {
        return Commands.with(new String[] {"--steps", "20", "--embd", "2", "--hidden", "4", "--samples", "2",
                "--out", out.toString()}, more);
    }

    // ---- Train ----

    @Test
    void trainRefusesEveryBadDataFileWithoutCreatingTheOutDirectory() {
        Path out = dir.resolve("train-bad-data");
        refusedBeforeWriting(train(trainArgs(out, "--data", dir.resolve("absent.txt").toString())), "no such file", out);
        refusedBeforeWriting(train(trainArgs(out, "--data", dir.toString())), "not a regular file", out);
        refusedBeforeWriting(train(trainArgs(out, "--data", emptyFile.toString())), "no names", out);
        refusedBeforeWriting(train(trainArgs(out, "--data", binaryFile.toString())), "binary", out);
        refusedBeforeWriting(train(trainArgs(out, "--data", latin1File.toString())), "not UTF-8", out);
    }

    @Test
    void trainRefusesNonPositiveAndMalformedSizesWithoutCreatingTheOutDirectory() {
        Path out = dir.resolve("train-bad-size");
        refusedBeforeWriting(train(trainArgs(out, "--embd", "0")), "--embd", out);
        refusedBeforeWriting(train(trainArgs(out, "--block", "-3")), "--block", out);
        refusedBeforeWriting(train(trainArgs(out, "--batch", "0")), "at least 2", out);
        refusedBeforeWriting(train(trainArgs(out, "--batch", "1")), "at least 2", out);
        refusedBeforeWriting(train(trainArgs(out, "--steps", "-5")), "--steps", out);
        refusedBeforeWriting(train(trainArgs(out, "--samples", "-1")), "--samples", out);
        refusedBeforeWriting(train(trainArgs(out, "--lr", "0")), "--lr must be positive", out);
        refusedBeforeWriting(train(trainArgs(out, "--lr-after", "-1")), "--lr-after must be positive", out);
        refusedBeforeWriting(train(trainArgs(out, "--lr", "NaN")), "finite", out);
        refusedBeforeWriting(train(trainArgs(out, "--lr=1e999")), "finite", out);
        refusedBeforeWriting(train(trainArgs(out, "--lr-decay-step", "-1")), "--lr-decay-step", out);
        refusedBeforeWriting(train(trainArgs(out, "--seed", "-1")), "--seed", out);
        refusedBeforeWriting(train(trainArgs(out, "--embd=")), "whole number", out);
        refusedBeforeWriting(train(trainArgs(out, "--hidden", "1e3")), "whole number", out);
        // out of range even for a long, but a whole number: the range is what the user needs to know
        refusedBeforeWriting(train(trainArgs(out, "--steps", "99999999999999999999")),
                "option --steps must be between 1 and 100000000, got 99999999999999999999", out);
        refusedBeforeWriting(train(trainArgs(out, "-steps", "5")), "unknown option -steps; did you mean --steps?", out);
        refusedBeforeWriting(train(trainArgs(out, "--", "5")), "unexpected argument '5'", out);
        refusedBeforeWriting(train(trainArgs(out, "--Steps", "5")), "unknown option --Steps", out);
        refusedBeforeWriting(train(trainArgs(out, "--seed")), "--seed needs a value", out);
    }

    @Test
    void sizesWhoseFirstLayerCannotBeHeldInOneArrayAreRefusedBeforeAnyWork() {
        Path out = dir.resolve("too-large");
        String[] huge = {"--embd", "4096", "--block", "1024", "--hidden", "65536"};
        refusedBeforeWriting(train(trainArgs(out, huge)), "first-layer weights", out);
        assertOneSentence(gradCheck(huge), "first-layer weights");
        assertOneSentence(bench(huge), "first-layer weights"); // the same shared validation
    }

    @Test
    void trainRefusesAnOutPathThatIsAFileAndLeavesTheFileAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("out-is-a-file"), "keep me");
        assertOneSentence(train(trainArgs(file)), "cannot be written");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aDivergedRunWritesNothingIntoAnOutDirectoryThatAlreadyExisted() throws IOException {
        Path out = Files.createDirectories(dir.resolve("existing-out"));
        Run r = train(trainArgs(out, "--lr", "1e300"));
        assertOneSentence(r, "the loss became");
        assertTrue(r.err().matches("Train: the loss became (NaN|-?Infinity) at step \\d+ .*\\R"), r.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void aDivergedRunRemovesEveryDirectoryItCreatedParentsIncluded() {
        Path parent = dir.resolve("new-parent");
        Path out = parent.resolve("new-out");
        assertOneSentence(train(trainArgs(out, "--lr", "1e300")), "the loss became");
        assertFalse(Files.exists(parent), "no empty directories left behind");
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void trainAcceptsOddButValidNamesAndTheVocabularyGrows() {
        Path out = dir.resolve("odd-train");
        Run r = train(trainArgs(out, "--data", oddNames.toString(), "--batch", "4", "--block", "2", "--samples", "5"));
        assertEquals(0, r.status(), r.err());
        // ten lowercase letters (a e h i l m o s v x) and fourteen others (O Z ë J é И в а н 李 娜, the emoji,
        // N Å), each a token of its own: 24 characters plus '.'
        int expected = (int) ODD_BUT_VALID.codePoints().filter(c -> c != '\n' && c != '\r').distinct().count() + 1;
        assertEquals("vocab_size: " + expected, r.lines().get(0));
        assertEquals(25, expected);
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        Run s = sample("--model", out.resolve("model.safetensors").toString(), "--samples", "5");
        assertEquals(0, s.status(), s.err());
        assertEquals(r.lines().subList(r.lines().size() - 6, r.lines().size() - 1), s.lines());
    }

    // ---- GradCheck ----

    @Test
    void gradCheckAcceptsOddButValidNamesAndTheirGradientsPass() {
        Run r = gradCheck("--data", oddNames.toString(), "--embd", "2", "--hidden", "5", "--batch", "4");
        assertEquals(0, r.status(), r.err());
        assertEquals("vocab_size: 25", r.lines().get(0));
        assertTrue(r.out().contains("all 26 gradients match finite differences"), r.out());
    }

    @Test
    void gradCheckRefusesADirectoryAsDataAndMalformedOptions() {
        assertOneSentence(gradCheck("--data", dir.toString()), "not a regular file");
        assertOneSentence(gradCheck("--data", latin1File.toString()), "not UTF-8");
        assertOneSentence(gradCheck("--embd="), "whole number");
        assertOneSentence(gradCheck("--batch"), "--batch needs a value");
        assertOneSentence(gradCheck("extra"), "unexpected argument");
        assertOneSentence(gradCheck("--embd", "-2"), "--embd");
    }

    // ---- Sample ----

    @Test
    void sampleRefusesEveryDamagedModelFile() throws IOException {
        byte[] good = Files.readAllBytes(model);
        byte[] flipped = good.clone();
        flipped[good.length - 20] ^= 0x01;
        assertOneSentence(sample("--model", Files.write(dir.resolve("flip.st"), flipped).toString()), "corrupted");
        assertOneSentence(sample("--model", Files.write(dir.resolve("cut.st"),
                java.util.Arrays.copyOf(good, good.length - 9)).toString()), "truncated");
        assertOneSentence(sample("--model", emptyFile.toString()), "too short");
        assertOneSentence(sample("--model", oddNames.toString()), "is not a safetensors file");
        assertOneSentence(sample("--model", dir.toString()), "is not a regular file (a directory)");
        assertOneSentence(sample("--model", dir.resolve("absent.st").toString()), "does not exist");
    }

    @Test
    void sampleRefusesBadOptions() {
        String m = model.toString();
        assertOneSentence(sample("--model", m, "--samples", "-1"), "--samples");
        assertOneSentence(sample("--model", m, "--samples", "five"), "whole number");
        assertOneSentence(sample("--model", m, "--seed", "-4"), "--seed");
        assertOneSentence(sample("--model", m, "--out", "x"), "unknown option --out");
        assertOneSentence(sample("--model"), "--model needs a value");
        assertOneSentence(sample(m), "unexpected argument");
    }

    @Test
    void sampleReadsAValidModelAndWritesNothing() throws IOException {
        List<Path> before;
        try (Stream<Path> files = Files.list(dir)) {
            before = files.sorted().toList();
        }
        Run r = sample("--model", model.toString(), "--samples", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals(3, r.lines().size());
        assertTrue(r.lines().stream().allMatch(l -> l.matches("[abc]*\\.")), r.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(before, files.sorted().toList());
        }
    }

    // ---- Bench ----

    @Test
    void benchRunsAFewStepsOnSmallSizes() {
        Run r = bench("--warmup", "0", "--steps", "3", "--embd", "2", "--hidden", "4", "--batch", "4");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("training step (embd 2, hidden 4, batch 4): median "), r.out());
        assertEquals(3, r.lines().size(), r.out());
        assertTrue(r.lines().get(1).startsWith("steadiness: fewer than 1500 steps measured"), r.out());
        assertTrue(r.lines().get(2).startsWith("machine: "), r.out());
    }

    @Test
    void oneStepIsSaidInTheSingular(@TempDir Path tmp) {
        Run b = bench("--warmup", "1", "--steps", "1", "--embd", "2", "--hidden", "4", "--batch", "4");
        assertEquals(0, b.status(), b.err());
        assertTrue(b.lines().get(0).endsWith(" over 1 step after 1 warm-up step"), b.out());
        Run t = train("--steps", "1", "--embd", "2", "--hidden", "4", "--samples", "0", "--out",
                tmp.resolve("one").toString());
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("\ntrained 1 step in "), t.out());
    }

    @Test
    void benchRefusesBadOptionsAndBadData() {
        assertOneSentence(bench("--batch", "1"), "--batch");
        assertOneSentence(bench("--steps", "0"), "--steps");
        assertOneSentence(bench("--warmup", "-1"), "--warmup");
        assertOneSentence(bench("--embd", "0"), "--embd");
        assertOneSentence(bench("--hidden", "many"), "whole number");
        assertOneSentence(bench("--threads", "2"), "unknown option --threads");
        assertOneSentence(bench("now"), "unexpected argument");
        assertOneSentence(bench("--data", dir.resolve("absent.txt").toString()), "no such file");
        assertOneSentence(bench("--data", dir.toString()), "not a regular file");
        assertOneSentence(bench("--data", emptyFile.toString()), "no names");
        assertOneSentence(bench("--data", binaryFile.toString()), "binary");
    }

    @Test
    void helpWorksForSampleAndBench() {
        Run s = sample("--help");
        assertEquals(0, s.status());
        assertTrue(s.out().contains("--model") && s.out().contains("--seed"), s.out());
        Run b = bench("--help");
        assertEquals(0, b.status());
        assertTrue(b.out().contains("--warmup") && b.out().contains("--batch"), b.out());
    }
}
