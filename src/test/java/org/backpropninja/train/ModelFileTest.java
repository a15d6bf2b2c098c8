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
import org.backpropninja.cli.UsageError;
import org.backpropninja.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file round-trips exactly and every kind of damage is one clear sentence. */
class ModelFileTest {

    @Test
    void roundTripIsBitExact(@TempDir Path dir) throws IOException {
        Model m = Models.fiveTokens(1);
        Path f = dir.resolve("model.bin");
        ModelFile.write(m, f);
        Model back = ModelFile.read(f);
        assertEquals(m, back);
        assertEquals(List.of(f), Files.list(dir).toList(), "no temporary file is left behind");
    }

    @Test
    void everyFlippedBitIsDetected() {
        byte[] good = ModelFile.encode(Models.fiveTokens(2));
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = good.clone();
            int bit = r.nextInt(bad.length * 8);
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            UsageError e = assertThrows(UsageError.class, () -> ModelFile.decode(bad, "m.bin"));
            assertTrue(e.getMessage().startsWith("model file m.bin "), e.getMessage());
        }
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = ModelFile.encode(Models.fiveTokens(4));
        for (int len = 0; len < good.length; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(good, len);
            UsageError e = assertThrows(UsageError.class, () -> ModelFile.decode(cut, "m.bin"));
            assertTrue(e.getMessage().contains("m.bin"), e.getMessage());
        }
    }

    @Test
    void anotherFormatVersionIsNamed() {
        byte[] bytes = ModelFile.encode(Models.fiveTokens(5));
        ByteBuffer.wrap(bytes).putInt(ModelFile.MAGIC.length, 2);
        UsageError e = assertThrows(UsageError.class, () -> ModelFile.decode(bytes, "m.bin"));
        assertEquals("model file m.bin has format version 2 but this program reads version 1", e.getMessage());
    }

    @Test
    void otherFilesAreNotModels(@TempDir Path dir) throws IOException {
        Path txt = dir.resolve("names.txt");
        Files.writeString(txt, "emma\nolivia\n");
        assertTrue(assertThrows(UsageError.class, () -> ModelFile.read(txt)).getMessage()
                .contains("is not a backprop-ninja model"));
        assertTrue(assertThrows(UsageError.class, () -> ModelFile.read(dir.resolve("missing.bin"))).getMessage()
                .contains("does not exist"));
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.bin");
        ModelFile.write(Models.fiveTokens(6), f);
        byte[] before = Files.readAllBytes(f);
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        assertThrows(IOException.class, () -> ModelFile.write(Models.fiveTokens(7), notADir.resolve("model.bin")));
        assertArrayEquals(before, Files.readAllBytes(f));
    }
}
