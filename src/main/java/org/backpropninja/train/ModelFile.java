package org.backpropninja.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;

/**
 * The model file: a small big-endian binary format with a checksum, documented in
 * docs/model-format.md.
 *
 * <pre>
 *   8 bytes   magic "BPNINJA\n"
 *   int32     format version (1)
 *   int32     block size
 *   int32     vocabulary size V; then V-1 tokens (indices 1..V-1) as modified UTF-8 strings
 *             (int16 length + bytes); index 0 is always "."
 *   9 times   int32 rows, int32 cols, rows*cols float64 row-major:
 *             C, W1, b1, W2, b2, bngain, bnbias, bnmean, bnvar
 *   int64     CRC-32 of every byte before it
 * </pre>
 *
 * Writing goes to a temporary file in the same directory, which is then renamed over the target,
 * so a crash never leaves half a model. Reading checks the magic, the version, the checksum, the
 * length and every shape; any problem is one clear sentence ({@link ModelFileException}).
 */
public final class ModelFile {

    static final byte[] MAGIC = "BPNINJA\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** Nothing in a sane model comes close; guards allocations against a corrupted length. */
    private static final int MAX_DIM = 1 << 20;

    private ModelFile() {
    }

    /** The file's bytes. */
    public static byte[] encode(Model m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(m.block());
            out.writeInt(m.vocabSize());
            for (String t : m.tokens().subList(1, m.vocabSize())) {
                out.writeUTF(t);
            }
            List<Matrix> all = new ArrayList<>(m.params().asList());
            all.add(m.bnmean());
            all.add(m.bnvar());
            for (Matrix x : all) {
                out.writeInt(x.rows());
                out.writeInt(x.cols());
                for (double v : x.toArray()) {
                    out.writeDouble(v);
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    /** Writes the model atomically: a temporary file beside the target, then a rename. */
    public static void write(Model m, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, encode(m));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a model; any problem with the file is a {@link ModelFileException} naming it. */
    public static Model read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("model file " + file + " cannot be read (" + e.getMessage() + ")");
        }
        return decode(bytes, file.toString());
    }

    /** Decodes a model's bytes; {@code name} appears in error messages. */
    public static Model decode(byte[] bytes, String name) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new ModelFileException("model file " + name + " is not a backprop-ninja model (wrong magic bytes)");
        }
        if (bytes.length < MAGIC.length + 4) {
            throw new ModelFileException("model file " + name + " is truncated");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != VERSION) {
            throw new ModelFileException("model file " + name + " has format version " + version
                    + " but this program reads version " + VERSION);
        }
        if (bytes.length < MAGIC.length + 4 + 8) {
            throw new ModelFileException("model file " + name + " is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new ModelFileException("model file " + name + " is corrupted or truncated (checksum mismatch)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
            in.skipNBytes(MAGIC.length + 4);
            int block = in.readInt();
            int vocab = in.readInt();
            if (block < 1 || block > MAX_DIM || vocab < 2 || vocab > MAX_DIM) {
                throw new ModelFileException("model file " + name + " has impossible sizes (block " + block
                        + ", vocabulary " + vocab + ")");
            }
            List<String> tokens = new ArrayList<>();
            tokens.add(".");
            for (int i = 1; i < vocab; i++) {
                tokens.add(in.readUTF());
            }
            Matrix[] m = new Matrix[9];
            for (int k = 0; k < m.length; k++) {
                int rows = in.readInt();
                int cols = in.readInt();
                if (rows < 1 || cols < 1 || rows > MAX_DIM || cols > MAX_DIM
                        || (long) rows * cols * 8 > in.available()) {
                    throw new ModelFileException("model file " + name + " has an impossible matrix shape (" + rows
                            + ", " + cols + ")");
                }
                double[] v = new double[rows * cols];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readDouble();
                }
                m[k] = Matrix.of(rows, cols, v);
            }
            if (in.available() != 0) {
                throw new ModelFileException("model file " + name + " has " + in.available() + " unexpected trailing bytes");
            }
            Params p = new Params(m[0], m[1], m[2], m[3], m[4], m[5], m[6]);
            return new Model(tokens, block, p, m[7], m[8]);
        } catch (EOFException | UTFDataFormatException e) {
            throw new ModelFileException("model file " + name + " is truncated");
        } catch (Model.Inconsistent e) {
            throw new ModelFileException("model file " + name + " is inconsistent: " + e.reason());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("model file " + name + " is inconsistent: " + e.getMessage());
        } catch (IOException e) {
            throw new ModelFileException("model file " + name + " cannot be decoded (" + e.getMessage() + ")");
        }
    }
}
