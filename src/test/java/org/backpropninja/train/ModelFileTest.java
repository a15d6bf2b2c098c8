package org.backpropninja.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file round-trips exactly and every kind of damage is one clear sentence. */
class ModelFileTest {

    static Model smallModel(long seed) {
        Random r = new Random(seed);
        int vocab = 5;
        int embd = 2;
        int block = 3;
        int hidden = 4;
        Matrix.IndexFunction g = (i, j) -> r.nextGaussian();
        Params p = new Params(Matrix.generate(vocab, embd, g), Matrix.generate(block * embd, hidden, g),
                Matrix.generate(1, hidden, g), Matrix.generate(hidden, vocab, g), Matrix.generate(1, vocab, g),
                Matrix.generate(1, hidden, g), Matrix.generate(1, hidden, g));
        return new Model(List.of(".", "a", "é", "z", "\uD83D\uDE00"), block, p, Matrix.generate(1, hidden, g),
                Matrix.generate(1, hidden, (i, j) -> 0.5 + r.nextDouble()));
    }

    @Test
    void roundTripIsBitExact(@TempDir Path dir) throws IOException {
        Model m = smallModel(1);
        Path f = dir.resolve("model.bin");
        ModelFile.write(m, f);
        Model back = ModelFile.read(f);
        assertEquals(m, back);
        assertEquals(List.of(f), Files.list(dir).toList(), "no temporary file is left behind");
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] good = ModelFile.encode(smallModel(2));
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = good.clone();
            int bit = r.nextInt(bad.length * 8);
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bad, "m.bin"));
            assertTrue(e.getMessage().startsWith("model file m.bin "), e.getMessage());
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = ModelFile.encode(smallModel(4));
        for (int len = 0; len < good.length; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(cut, "m.bin"));
            assertTrue(e.getMessage().contains("m.bin"), e.getMessage());
        }
    }

    @Test
    void anotherFormatVersionIsNamed() {
        byte[] bytes = ModelFile.encode(smallModel(5));
        ByteBuffer.wrap(bytes).putInt(ModelFile.MAGIC.length, 2);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bytes, "m.bin"));
        assertEquals("model file m.bin has format version 2 but this program reads version 1", e.getMessage());
    }

    @Test
    void otherFilesAreNotModels(@TempDir Path dir) throws IOException {
        Path txt = dir.resolve("names.txt");
        Files.writeString(txt, "emma\nolivia\n");
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.read(txt)).getMessage()
                .contains("is not a backprop-ninja model"));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.read(dir.resolve("missing.bin"))).getMessage()
                .contains("does not exist"));
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.bin");
        ModelFile.write(smallModel(6), f);
        byte[] before = Files.readAllBytes(f);
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        assertThrows(IOException.class, () -> ModelFile.write(smallModel(7), notADir.resolve("model.bin")));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    /** A file whose shapes do not fit together says so once, not "inconsistent: inconsistent model". */
    @Test
    void anInconsistentModelIsNamedOnce() {
        byte[] bytes = ModelFile.encode(smallModel(8));
        // C is stored as rows 5, cols 2 right after the tokens; store it as (2, 5), the same 10 numbers
        int at = -1;
        for (int k = 20; k + 8 <= bytes.length && at < 0; k++) {
            if (ByteBuffer.wrap(bytes, k, 8).getLong() == (5L << 32 | 2L)) {
                at = k;
            }
        }
        ByteBuffer.wrap(bytes).putInt(at, 2).putInt(at + 4, 5);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.decode(bytes, "m.bin"));
        assertEquals("model file m.bin is inconsistent: C has 2 rows for 5 tokens", e.getMessage());
    }
}
