package org.backpropninja.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.backpropninja.data.Dataset;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Mlp;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.safetensors.Dtype;
import org.backpropninja.safetensors.SafeTensors;
import org.backpropninja.safetensors.SafeTensorsReader;
import org.backpropninja.safetensors.SafeTensorsWriter;
import org.backpropninja.safetensors.StoredTensor;
import org.backpropninja.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file: a safetensors file with the notebook's tensors, names and shapes. It round-trips
 * exactly; files from PyTorch (no metadata, F32, row vectors with or without their leading 1) read;
 * every kind of damage or inconsistency is one clear sentence.
 */
class ModelFileTest {

    static final Model M = Models.fiveTokens(1);

    /** M's vocabulary: ".", "a", "é", "z" and an astral-plane emoji, tokens a model file must round-trip. */
    static final List<String> TOKENS = M.tokens();

    /** No default vocabulary: what a command meets when names.txt is missing. */
    static final java.util.function.Supplier<List<String>> NO_DEFAULT = () -> {
        throw new org.backpropninja.data.DataException("names.txt not found in the current directory");
    };


    static ModelFileException refusal(byte[] bytes) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bytes, "m.st", () -> TOKENS));
        assertTrue(e.getMessage().startsWith("model file m.st "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    static void refused(byte[] bytes, String fragment) {
        String m = refusal(bytes).getMessage();
        assertTrue(m.contains(fragment), "'" + fragment + "' in: " + m);
    }

    /** The tensors of M's file, to be altered. */
    static Map<String, StoredTensor> tensors() {
        return new LinkedHashMap<>(SafeTensorsReader.read(ModelFile.encode(M)).tensors());
    }

    /** The metadata of M's file, to be altered. */
    static Map<String, String> metadata() {
        return new LinkedHashMap<>(SafeTensorsReader.read(ModelFile.encode(M)).metadata().orElseThrow());
    }

    /** A file with these tensors and metadata, its checksum recomputed so that only the change is wrong. */
    static byte[] withChecksum(Map<String, StoredTensor> t, Map<String, String> meta) {
        return SafeTensorsWriter.encode(t, data -> {
            meta.put(ModelFile.CHECKSUM, ModelFile.checksum(data, meta.get(ModelFile.VOCABULARY),
                    meta.get(ModelFile.BLOCK_SIZE)));
            return meta;
        });
    }

    /** M's file with one tensor replaced, checksum recomputed. */
    static byte[] replacing(String name, UnaryOperator<StoredTensor> change) {
        Map<String, StoredTensor> t = tensors();
        t.put(name, change.apply(t.get(name)));
        return withChecksum(t, metadata());
    }

    /** M's tensors without metadata, as PyTorch would write them. */
    static byte[] withoutMetadata(Consumer<Map<String, StoredTensor>> change) {
        Map<String, StoredTensor> t = tensors();
        change.accept(t);
        return SafeTensorsWriter.encode(new SafeTensors(t, Optional.empty(), 0));
    }

    static StoredTensor reshaped(StoredTensor t, long... shape) {
        return new StoredTensor(t.dtype(), shape, t.values());
    }

    // ---- round trip and layout ----

    @Test
    void aWrittenModelReadsBackBitForBitWithTheSameSamplesAndLosses(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve(ModelFile.NAME), ModelFile.encode(M));
        Model back = ModelFile.read(f, NO_DEFAULT);
        assertEquals(M, back);
        assertEquals(Sampler.sample(M, TorchGenerator.manualSeed(5), 20),
                Sampler.sample(back, TorchGenerator.manualSeed(5), 20));
        List<String> words = List.of("az\uD83D\uDE00", "z\u00e9a", "\u00e9\u00e9z", "a", "\uD83D\uDE00za\u00e9");
        Dataset d = Dataset.build(words, Vocabulary.of(words), 3);
        try (Evaluator eval = new Evaluator(Mlp.of(M.params()), 2)) {
            assertEquals(eval.loss(M.params(), new BatchNorm.Stats(M.bnmean(), M.bnvar()), d),
                    eval.loss(back.params(), new BatchNorm.Stats(back.bnmean(), back.bnvar()), d));
        }
        assertEquals(List.of(f), Files.list(dir).toList(), "no temporary file is left behind");
    }

    @Test
    void theFileHoldsTheNotebooksTensorsInF64WithTheNotebooksShapes() {
        SafeTensors st = SafeTensorsReader.read(ModelFile.encode(M));
        assertEquals(ModelFile.TENSORS, List.copyOf(st.tensors().keySet()));
        Map<String, long[]> shapes = Map.of("C", new long[] {5, 2}, "W1", new long[] {6, 4}, "b1", new long[] {4},
                "W2", new long[] {4, 5}, "b2", new long[] {5}, "bngain", new long[] {1, 4},
                "bnbias", new long[] {1, 4}, "bnmean", new long[] {1, 4}, "bnvar", new long[] {1, 4});
        shapes.forEach((n, s) -> assertArrayEquals(s, st.tensors().get(n).shape(), n));
        st.tensors().values().forEach(t -> assertEquals(Dtype.F64, t.dtype()));
        assertArrayEquals(M.params().W1().toArray(), st.tensors().get("W1").values());
        assertArrayEquals(M.bnvar().toArray(), st.tensors().get("bnvar").values());
        Map<String, String> meta = st.metadata().orElseThrow();
        assertEquals(".a\u00e9z\uD83D\uDE00", meta.get("vocabulary"));
        assertEquals("3", meta.get("block_size"));
        assertEquals("1", meta.get("format_version"));
        assertTrue(meta.get("checksum").matches("crc32:[0-9a-f]{8}"), meta.get("checksum"));
        assertEquals(0, st.dataStart() % 8, "the data buffer is 8-byte aligned");
    }

    /** A three-token, one-wide model's header, typed in: every tensor in the given dtype, offsets consecutive. */
    static String handHeader(String dtype, int size, String metadata) {
        String[][] t = {{"C", "[3,1]"}, {"W1", "[1,1]"}, {"b1", "[1]"}, {"W2", "[1,3]"}, {"b2", "[3]"},
                {"bngain", "[1,1]"}, {"bnbias", "[1,1]"}, {"bnmean", "[1,1]"}, {"bnvar", "[1,1]"}};
        int[] counts = {3, 1, 1, 3, 3, 1, 1, 1, 1};
        StringBuilder h = new StringBuilder("{").append(metadata);
        int at = 0;
        for (int k = 0; k < t.length; k++) {
            h.append(k == 0 && metadata.isEmpty() ? "" : ",").append('"').append(t[k][0]).append("\":{\"dtype\":\"")
                    .append(dtype).append("\",\"shape\":").append(t[k][1]).append(",\"data_offsets\":[").append(at)
                    .append(',').append(at + counts[k] * size).append("]}");
            at += counts[k] * size;
        }
        return h.append('}').toString();
    }

    static final double[] HAND = {0.5, -1.25, 2.0, 0.75, -0.5, 1.5, 0.25, -2.0, 3.0, 1.125, 0.0625, -0.375, 4.0, 0.875,
        0.5};

    static void assertHandModel(Model m) {
        assertEquals(List.of(".", "a", "b"), m.tokens());
        assertEquals(1, m.block());
        assertEquals(Matrix.of(3, 1, 0.5, -1.25, 2.0), m.params().C());
        assertEquals(Matrix.of(1, 1, 0.75), m.params().W1());
        assertEquals(Matrix.of(1, 1, -0.5), m.params().b1());
        assertEquals(Matrix.of(1, 3, 1.5, 0.25, -2.0), m.params().W2());
        assertEquals(Matrix.of(1, 3, 3.0, 1.125, 0.0625), m.params().b2());
        assertEquals(Matrix.of(1, 1, -0.375), m.params().bngain());
        assertEquals(Matrix.of(1, 1, 4.0), m.params().bnbias());
        assertEquals(Matrix.of(1, 1, 0.875), m.bnmean());
        assertEquals(Matrix.of(1, 1, 0.5), m.bnvar());
    }

    @Test
    void aModelFileTypedInByHandReadsInF64WithItsMetadata() {
        byte[] data = org.backpropninja.testing.SafeTensorsBytes.f64(HAND);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        crc.update(".ab\u00001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String meta = String.format(java.util.Locale.ROOT, "\"__metadata__\":{\"format_version\":\"1\",\"vocabulary\":\".ab\",\"block_size\":\"1\","
                + "\"checksum\":\"crc32:%08x\"}", crc.getValue());
        byte[] file = org.backpropninja.testing.SafeTensorsBytes.file(handHeader("F64", 8, meta), data);
        assertHandModel(ModelFile.decode(file, "hand.st", NO_DEFAULT));
    }

    @Test
    void aModelFileTypedInByHandReadsInF32WithoutMetadata() {
        float[] f = new float[HAND.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) HAND[i]; // every value is exact in float
        }
        byte[] file = org.backpropninja.testing.SafeTensorsBytes.file(handHeader("F32", 4, ""),
                org.backpropninja.testing.SafeTensorsBytes.f32(f));
        assertHandModel(ModelFile.decode(file, "hand.st", () -> List.of(".", "a", "b")));
    }

    @Test
    void aTokenOfMoreThanOneCharacterCannotBeWritten() {
        Model m = new Model(List.of(".", "ab", "c", "d", "e"), 3, M.params(), M.bnmean(), M.bnvar());
        assertThrows(IllegalArgumentException.class, () -> ModelFile.encode(m));
    }

    // ---- files from PyTorch ----

    @Test
    void aFileWithoutMetadataTakesTheDefaultVocabularyAndTheBlockSizeFromW1() {
        byte[] bytes = withoutMetadata(t -> { });
        assertEquals(M, ModelFile.decode(bytes, "m.st", () -> TOKENS));
        byte[] foreign = SafeTensorsWriter.encode(new SafeTensors(tensors(), Optional.of(Map.of("format", "pt")), 0));
        assertEquals(M, ModelFile.decode(foreign, "m.st", () -> TOKENS));
    }

    @Test
    void aFileWithoutMetadataNeedsADefaultVocabulary() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(withoutMetadata(t -> { }), "m.st", NO_DEFAULT));
        assertTrue(e.getMessage().startsWith("model file m.st carries no vocabulary in its metadata"), e.getMessage());
        ModelFileException wrongSize = assertThrows(ModelFileException.class, () -> ModelFile.decode(withoutMetadata(t -> { }),
                "m.st", () -> List.of(".", "a", "b")));
        assertEquals("model file m.st has C of shape [5, 2], but a vocabulary of 3 tokens needs (3, n_embd)",
                wrongSize.getMessage());
    }

    @Test
    void f32TensorsReadAsTheirFloatValues() {
        byte[] bytes = withoutMetadata(t -> t.replaceAll((n, x) -> new StoredTensor(Dtype.F32, x.shape(), x.values())));
        Model back = ModelFile.decode(bytes, "m.st", () -> TOKENS);
        double[] w1 = M.params().W1().toArray();
        double[] read = back.params().W1().toArray();
        for (int i = 0; i < w1.length; i++) {
            assertEquals((double) (float) w1[i], read[i], 0.0);
        }
        assertFalse(java.util.Arrays.equals(w1, read), "the values did go through float");
    }

    @Test
    void rowVectorsReadWithOrWithoutTheirLeadingOne() {
        byte[] bytes = withoutMetadata(t -> {
            t.put("b1", reshaped(t.get("b1"), 1, 4));
            t.put("b2", reshaped(t.get("b2"), 1, 5));
            for (String n : List.of("bngain", "bnbias", "bnmean", "bnvar")) {
                t.put(n, reshaped(t.get(n), 4));
            }
        });
        assertEquals(M, ModelFile.decode(bytes, "m.st", () -> TOKENS));
    }

    // ---- corruption ----

    @Test
    void everyFlippedBitIsDetected() {
        byte[] good = ModelFile.encode(M);
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            int b = bit;
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bad, "m.st", () -> TOKENS),
                    () -> "bit " + b + " of byte " + b / 8 + ": " + new String(bad, 8, 300, java.nio.charset.StandardCharsets.ISO_8859_1));
            assertTrue(e.getMessage().startsWith("model file m.st "), e.getMessage());
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = ModelFile.encode(M);
        for (int len = 0; len < good.length; len++) {
            refusal(java.util.Arrays.copyOf(good, len));
        }
    }

    @Test
    void aChangedWeightVocabularyOrBlockSizeIsACorruptedModel() {
        Map<String, StoredTensor> t = tensors();
        double[] w = t.get("W2").values();
        w[3] = Math.nextUp(w[3]);
        t.put("W2", new StoredTensor(Dtype.F64, t.get("W2").shape(), w));
        Map<String, String> meta = metadata();
        String checksum = meta.get(ModelFile.CHECKSUM);
        refused(SafeTensorsWriter.encode(new SafeTensors(t, Optional.of(meta), 0)), "is corrupted (checksum mismatch)");
        Map<String, String> vocab = metadata();
        vocab.put(ModelFile.VOCABULARY, ".A\u00e9z\uD83D\uDE00");
        refused(SafeTensorsWriter.encode(new SafeTensors(tensors(), Optional.of(vocab), 0)), "checksum mismatch");
        assertEquals(checksum, metadata().get(ModelFile.CHECKSUM));
    }

    @Test
    void nonFiniteWeightsAreACorruptedModel() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            byte[] bytes = replacing("W1", x -> {
                double[] w = x.values();
                w[7] = v;
                return new StoredTensor(Dtype.F64, x.shape(), w);
            });
            assertEquals("model file m.st is corrupted: W1 holds " + v + " at element 7", refusal(bytes).getMessage());
        }
        byte[] fromTorch = withoutMetadata(t -> t.put("bnmean", new StoredTensor(Dtype.F32, new long[] {1, 4},
                new double[] {0.5, Double.NaN, 1, 2})));
        refused(fromTorch, "is corrupted: bnmean holds NaN at element 1");
    }

    @Test
    void aNegativeVarianceIsACorruptedModel() {
        refused(replacing("bnvar", x -> new StoredTensor(Dtype.F64, x.shape(), new double[] {1, 2, -0.25, 3})),
                "is corrupted: bnvar holds the negative variance -0.25 at element 2");
    }

    @Test
    void anotherFormatVersionIsNamed() {
        Map<String, String> meta = metadata();
        meta.put(ModelFile.FORMAT_VERSION, "2");
        assertEquals("model file m.st has format version '2' but this program reads version 1",
                refusal(withChecksum(tensors(), meta)).getMessage());
    }

    @Test
    void badMetadataIsOneSentence() {
        Map<String, String> noBlock = metadata();
        noBlock.remove(ModelFile.BLOCK_SIZE);
        refused(SafeTensorsWriter.encode(new SafeTensors(tensors(), Optional.of(noBlock), 0)),
                "has incomplete metadata: no block_size");
        Map<String, String> twice = metadata();
        twice.put(ModelFile.VOCABULARY, ".aaz\uD83D\uDE00");
        refused(withChecksum(tensors(), twice), "has a vocabulary that holds 'a' twice");
        Map<String, String> noDot = metadata();
        noDot.put(ModelFile.VOCABULARY, "ba\u00e9z\uD83D\uDE00");
        refused(withChecksum(tensors(), noDot), "does not start with '.'");
        Map<String, String> block = metadata();
        block.put(ModelFile.BLOCK_SIZE, "three");
        refused(withChecksum(tensors(), block), "has the block_size 'three', not a positive whole number");
        Map<String, String> otherBlock = metadata();
        otherBlock.put(ModelFile.BLOCK_SIZE, "2");
        assertEquals("model file m.st has W1 of shape [6, 4], but block_size 2 and n_embd 2 need 4 rows",
                refusal(withChecksum(tensors(), otherBlock)).getMessage());
    }

    // ---- wrong shapes ----

    @Test
    void everyWrongShapeIsOneSentenceNamingWhatItWasCheckedAgainst() {
        assertEquals("model file m.st has C of shape [4, 2], but a vocabulary of 5 tokens needs (5, n_embd)",
                refusal(replacing("C", x -> new StoredTensor(Dtype.F64, new long[] {4, 2}, new double[8]))).getMessage());
        refused(replacing("W1", x -> reshaped(x, 4, 6)), "has W1 of shape [4, 6]");
        refused(replacing("W1", x -> new StoredTensor(Dtype.F64, new long[] {5, 4}, new double[20])),
                "needs (block_size * 2, n_hidden)");
        assertEquals("model file m.st has b1 of shape [1, 5], expected [4] or [1, 4] (4 is n_hidden, from W1)",
                refusal(replacing("b1", x -> new StoredTensor(Dtype.F64, new long[] {1, 5}, new double[5]))).getMessage());
        refused(replacing("b1", x -> reshaped(x, 2, 2)), "has b1 of shape [2, 2]");
        refused(replacing("W2", x -> reshaped(x, 5, 4)), "has W2 of shape [5, 4], expected [4, 5]");
        refused(replacing("b2", x -> reshaped(x, 5, 1)), "(5 is the vocabulary size)");
        refused(replacing("bnvar", x -> reshaped(x, 1, 1, 4)), "has bnvar of shape [1, 1, 4]");
        refused(replacing("C", x -> reshaped(x, 10)), "has C of shape [10]");
    }

    /** A tensor that is no matrix (rank 3, an empty dimension) is named with the shape the model expects of it. */
    @Test
    void aTensorThatIsNoMatrixIsNamedWithTheShapeItShouldHave() {
        assertEquals("model file m.st has bnvar of shape [1, 1, 4], expected [4] or [1, 4] (4 is n_hidden, from W1)",
                refusal(replacing("bnvar", x -> reshaped(x, 1, 1, 4))).getMessage());
        assertEquals("model file m.st has W2 of shape [4, 0], expected [4, 5] (n_hidden from W1, the vocabulary size)",
                refusal(replacing("W2", x -> new StoredTensor(Dtype.F64, new long[] {4, 0}, new double[0]))).getMessage());
        assertEquals("model file m.st has b2 of shape [], expected [5] or [1, 5] (5 is the vocabulary size)",
                refusal(replacing("b2", x -> new StoredTensor(Dtype.F64, new long[0], new double[1]))).getMessage());
    }

    @Test
    void aMissingOrUnexpectedTensorIsNamed() {
        Map<String, StoredTensor> missing = tensors();
        missing.remove("bngain");
        refused(withChecksum(missing, metadata()), "has no tensor bngain (a model holds C, W1, b1, W2, b2, bngain");
        Map<String, StoredTensor> extra = tensors();
        extra.put("W3", extra.get("b1"));
        refused(withChecksum(extra, metadata()), "has the unexpected tensor 'W3'");
    }

    // ---- other files ----

    @Test
    void otherFilesAreNotModels(@TempDir Path dir) throws IOException {
        Path txt = Files.writeString(dir.resolve("names.txt"), "emma\nolivia\n");
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.read(txt, NO_DEFAULT)).getMessage()
                .contains("is not a safetensors file"));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.read(dir.resolve("missing.st"), NO_DEFAULT)).getMessage()
                .contains("does not exist"));
    }

    /** A device or a pipe is refused before a byte is read: /dev/zero used to fill the heap. */
    @Test
    void whatIsNotARegularFileIsRefusedBeforeAnyRead(@TempDir Path dir) throws Exception {
        assertEquals("model file " + dir + " is not a regular file (a directory); a model is the model.safetensors"
                + " a run wrote", assertThrows(ModelFileException.class, () -> ModelFile.read(dir, NO_DEFAULT)).getMessage());
        for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
            Path p = Path.of(device);
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), device + " exists on this system");
            assertEquals("model file " + device + " is not a regular file (a device, a pipe or a socket); a model is"
                    + " the model.safetensors a run wrote",
                    assertThrows(ModelFileException.class, () -> ModelFile.read(p, NO_DEFAULT)).getMessage());
        }
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo makes a pipe here");
        // nothing writes the pipe: a read would block forever, so the refusal must come before it
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.read(fifo, NO_DEFAULT)).getMessage()
                .contains("is not a regular file"));
    }

    /** A vocabulary with a line break or another control character would print broken names. */
    @Test
    void aVocabularyHoldingAControlCharacterIsRefused() {
        for (String c : new String[] {"\n", "\r", "\u001b", "\u0085", "\u2028", "\u0000"}) {
            Map<String, String> meta = metadata();
            meta.put(ModelFile.VOCABULARY, ".a" + c + "z\uD83D\uDE00");
            refused(withChecksum(tensors(), meta), String.format(java.util.Locale.ROOT,
                    "has a vocabulary that holds the control character U+%04X", (int) c.charAt(0)));
        }
        Map<String, String> tab = metadata();
        tab.put(ModelFile.VOCABULARY, ".a\tz\uD83D\uDE00");
        assertEquals(java.util.List.of(".", "a", "\t", "z", "\uD83D\uDE00"),
                ModelFile.decode(withChecksum(tensors(), tab), "m.st", NO_DEFAULT).tokens(), "a tab is a character a name may hold");
    }
}
