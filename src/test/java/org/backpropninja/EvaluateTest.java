package org.backpropninja;

import static org.backpropninja.Commands.assertOneSentence;
import static org.backpropninja.testing.SafeTensorsBytes.f64;
import static org.backpropninja.testing.SafeTensorsBytes.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.backpropninja.Commands.Run;
import org.backpropninja.safetensors.Dtype;
import org.backpropninja.safetensors.SafeTensors;
import org.backpropninja.safetensors.SafeTensorsReader;
import org.backpropninja.safetensors.SafeTensorsWriter;
import org.backpropninja.safetensors.StoredTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate prints a saved model's split losses, the very bits its run printed, without training or
 * calibrating; a model without metadata (as PyTorch writes it) evaluates and samples; every damaged
 * model file is one sentence through the jar's commands.
 */
class EvaluateTest {

    @TempDir
    static Path dir;
    static Run run;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        run = Commands.train(Commands.with(Commands.SMALL, "--out", dir.resolve("a").toString()));
        assertEquals(0, run.status(), run.err());
        model = dir.resolve("a/model.safetensors");
    }

    static Run evaluate(String... args) {
        return Commands.main(Commands.with(new String[] {"evaluate"}, args));
    }

    static Run sample(String... args) {
        return Commands.main(Commands.with(new String[] {"sample"}, args));
    }

    /** The run's train, val and test lines. */
    static List<String> splitLines() {
        return run.lines().stream().filter(l -> l.matches("(train|val|test) \\d.*")).toList();
    }

    @Test
    void evaluatePrintsTheSplitLossesTheRunPrintedBitForBit() throws IOException {
        List<Path> before;
        try (Stream<Path> files = Files.walk(dir)) {
            before = files.sorted().toList();
        }
        assertEquals(3, splitLines().size());
        for (String threads : List.of("1", "3")) {
            Run r = evaluate("--model", model.toString(), "--threads", threads);
            assertEquals(0, r.status(), r.err());
            assertEquals(splitLines(), r.lines());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(before, files.sorted().toList(), "nothing written");
        }
    }

    /** The run's model with its tensors changed and its metadata dropped, as PyTorch would write it. */
    static Path fromTorch(String name, Consumer<Map<String, StoredTensor>> change) throws IOException {
        Map<String, StoredTensor> t = new LinkedHashMap<>(SafeTensorsReader.read(Files.readAllBytes(model)).tensors());
        change.accept(t);
        return Files.write(dir.resolve(name), SafeTensorsWriter.encode(new SafeTensors(t, Optional.empty(), 0)));
    }

    @Test
    void aModelWithoutMetadataEvaluatesAndSamplesWithTheVocabularyOfNamesTxt() throws IOException {
        Path torch = fromTorch("torch.safetensors", t -> {
            t.put("b1", new StoredTensor(Dtype.F64, new long[] {1, 16}, t.get("b1").values()));
            t.put("bnmean", new StoredTensor(Dtype.F64, new long[] {16}, t.get("bnmean").values()));
        });
        Run e = evaluate("--model", torch.toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(splitLines(), e.lines());
        Run s = sample("--model", torch.toString(), "--samples", "5");
        assertEquals(0, s.status(), s.err());
        int afterLosses = run.lines().indexOf(run.lines().stream().filter(l -> l.startsWith("test ")).findFirst()
                .orElseThrow()) + 1;
        List<String> names = run.lines().subList(afterLosses, afterLosses + 5);
        assertEquals(names, s.lines());
        assertOneSentence(sample("--model", torch.toString(), "--data", dir.resolve("none.txt").toString()),
                "carries no vocabulary in its metadata");
    }

    /** A weight of 1e308 is finite, but the losses it gives are not: no usable model, status 2, no "Infinity" line. */
    @Test
    void aModelWhoseLossesAreNotFiniteIsRefused() throws IOException {
        Path huge = fromTorch("huge.safetensors", t -> {
            double[] w = t.get("W2").values();
            java.util.Arrays.fill(w, 1e308);
            t.put("W2", new StoredTensor(Dtype.F64, t.get("W2").shape(), w));
        });
        Run e = evaluate("--model", huge.toString());
        assertOneSentence(e, "its weights overflow the network, so it is not a usable model");
        assertTrue(e.err().startsWith("Evaluate: model file " + huge + " gives the train loss "), e.err());
        assertEquals("", e.out());
    }

    @Test
    void aModelOfAnotherVocabularyIsRefused() throws IOException {
        Path abc = dir.resolve("abc.safetensors");
        java.nio.file.Files.write(abc, org.backpropninja.model.ModelFile.encode(org.backpropninja.testing.Models.abc()));
        assertOneSentence(evaluate("--model", abc.toString()), "has a vocabulary of 4 tokens other than the 27 of");
    }

    @Test
    void everyDamagedModelIsOneSentenceThroughSampleAndEvaluate() throws IOException {
        byte[] good = Files.readAllBytes(model);
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = n << 8 | (good[i] & 0xff);
        }
        String header = new String(good, 8, (int) n, StandardCharsets.UTF_8);
        Map<Path, String> cases = new LinkedHashMap<>();
        cases.put(Files.write(dir.resolve("short.st"), java.util.Arrays.copyOf(good, 5)), "too short");
        cases.put(Files.write(dir.resolve("cut-header.st"), java.util.Arrays.copyOf(good, 8 + (int) n / 2)),
                "the file is truncated");
        cases.put(Files.write(dir.resolve("cut-data.st"), java.util.Arrays.copyOf(good, good.length - 8)),
                "the file is truncated");
        cases.put(Files.write(dir.resolve("bad-json.st"), file(header.replace("\"C\":", "\"C\";"), new byte[0])),
                "not valid JSON");
        cases.put(Files.write(dir.resolve("overlap.st"), file("{\"C\":{\"dtype\":\"F64\",\"shape\":[2],"
                + "\"data_offsets\":[0,16]},\"W1\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}",
                f64(1, 2, 3))), "overlap");
        cases.put(Files.write(dir.resolve("range.st"), file("{\"C\":{\"dtype\":\"F64\",\"shape\":[2],"
                + "\"data_offsets\":[0,16]}}", f64(1))), "run past the end of the 8-byte data buffer");
        cases.put(Files.write(dir.resolve("dtype.st"), file(header.replaceFirst("\"F64\"", "\"F63\""),
                java.util.Arrays.copyOfRange(good, 8 + (int) n, good.length))), "unknown dtype 'F63'");
        cases.put(fromTorch("shape.st", t -> t.put("b1", new StoredTensor(Dtype.F64, new long[] {8, 2}, t.get("b1").values()))),
                "has b1 of shape [8, 2], expected [16] or [1, 16]");
        cases.put(fromTorch("nan.st", t -> {
            double[] w = t.get("W2").values();
            w[5] = Double.NaN;
            t.put("W2", new StoredTensor(Dtype.F64, t.get("W2").shape(), w));
        }), "is corrupted: W2 holds NaN at element 5");
        byte[] flipped = good.clone();
        flipped[good.length - 100] ^= 0x04;
        cases.put(Files.write(dir.resolve("flipped.st"), flipped), "is corrupted (checksum mismatch)");
        cases.forEach((f, fragment) -> {
            assertOneSentence(sample("--model", f.toString()), fragment);
            Run e = evaluate("--model", f.toString());
            assertOneSentence(e, fragment);
            assertTrue(e.err().startsWith("Evaluate: model file " + f + " "), e.err());
        });
    }
}
