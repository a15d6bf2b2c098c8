package org.backpropninja.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.failure.BadInput;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Param;
import org.backpropninja.nn.Params;
import org.backpropninja.safetensors.Dtype;
import org.backpropninja.safetensors.SafeTensors;
import org.backpropninja.safetensors.SafeTensorsException;
import org.backpropninja.safetensors.SafeTensorsReader;
import org.backpropninja.safetensors.SafeTensorsWriter;
import org.backpropninja.safetensors.StoredTensor;

/**
 * The model file, {@value #NAME}: the format of the safetensors library, so PyTorch
 * opens it (docs/model-format.md).
 *
 * <pre>
 *   C                               (vocab, n_embd)           F64, the notebook's names and shapes
 *   W1                              (block*n_embd, n_hidden)
 *   b1                              (n_hidden)                a vector, as in the notebook
 *   W2                              (n_hidden, vocab)
 *   b2                              (vocab)                   a vector, as in the notebook
 *   bngain, bnbias, bnmean, bnvar   (1, n_hidden)             bnmean, bnvar: calibrated after training
 *   __metadata__   format_version "1"; vocabulary: the tokens in index order, one character each,
 *                  '.' first; block_size; checksum "crc32:" and 8 hex digits
 * </pre>
 *
 * The checksum is the CRC-32 of the data buffer followed by the vocabulary's UTF-8 bytes, a zero
 * byte and the block size: a flipped bit anywhere in the weights, the vocabulary or the block size
 * is found; anywhere else in the header it breaks the JSON or the layout, which the reader checks.
 *
 * <p>Reading accepts F64 and F32, the row vectors with or without their leading 1, and a file
 * without this metadata (written from PyTorch), whose vocabulary then comes from elsewhere (the
 * caller's default: '.' and the sorted characters of names.txt) and whose block size is the rows of
 * W1 over the columns of C. C and W1 give the sizes, checked here against the vocabulary and the
 * block size; every other shape is the {@link Model}'s one check, worded here with the file's own
 * shape. Non-finite weights or a negative variance mean a corrupted model. Any problem is one sentence ({@link ModelFileException}).
 *
 * <p>{@link #encode} gives the file's bytes; the run's output directory writes them, all or nothing.
 */
public final class ModelFile {

    /** The file's name in a run's output directory. */
    public static final String NAME = "model.safetensors";
    public static final String VERSION = "1";
    /** The calibrated batchnorm statistics, stored after the seven parameters. */
    static final String BNMEAN = Model.BNMEAN;
    static final String BNVAR = Model.BNVAR;
    /** The tensors of a model, in the order they are written: the seven parameters, then the statistics. */
    public static final List<String> TENSORS = Stream.concat(Params.NAMES.stream(), Stream.of(BNMEAN, BNVAR))
            .toList();
    /** The parameters stored as the notebook's 1-d vectors (n) rather than (1, n). */
    private static final Set<Param> VECTORS = EnumSet.of(Param.B1, Param.B2);
    static final String FORMAT_VERSION = "format_version";
    static final String VOCABULARY = "vocabulary";
    static final String BLOCK_SIZE = "block_size";
    static final String CHECKSUM = "checksum";
    private static final List<String> KEYS = List.of(FORMAT_VERSION, VOCABULARY, BLOCK_SIZE, CHECKSUM);

    private ModelFile() {
    }

    /** The file's bytes. */
    public static byte[] encode(Model m) {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Param p : Param.values()) {
            Matrix value = m.params().get(p);
            tensors.put(p.notebookName(), VECTORS.contains(p) ? vector(value) : matrix(value));
        }
        tensors.put(BNMEAN, matrix(m.bnmean()));
        tensors.put(BNVAR, matrix(m.bnvar()));
        String vocabulary = vocabularyText(m.tokens());
        String block = Integer.toString(m.block());
        return SafeTensorsWriter.encode(tensors, data -> {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put(FORMAT_VERSION, VERSION);
            metadata.put(VOCABULARY, vocabulary);
            metadata.put(BLOCK_SIZE, block);
            metadata.put(CHECKSUM, checksum(data, vocabulary, block));
            return metadata;
        });
    }

    /**
     * Reads a model; {@code defaultTokens} gives the vocabulary (index order, '.' first) of a file that
     * carries none, and is called only then. Any problem is a {@link ModelFileException} naming the file.
     */
    public static Model read(Path file, Supplier<List<String>> defaultTokens) {
        byte[] bytes;
        try {
            // a device, a pipe or a directory is refused before any read: /dev/zero would fill the heap
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ModelFileException("model file " + file + " is not a regular file ("
                        + (Files.isDirectory(file) ? "a directory" : "a device, a pipe or a socket")
                        + "); a model is the " + NAME + " a run wrote");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("model file " + file + " cannot be read (" + e.getMessage() + ")");
        }
        return decode(bytes, file.toString(), defaultTokens);
    }

    /** Decodes a model's bytes; see {@link #read(Path, Supplier)}. */
    static Model decode(byte[] bytes, String name, Supplier<List<String>> defaultTokens) {
        SafeTensors file;
        try {
            file = SafeTensorsReader.read(bytes);
        } catch (SafeTensorsException e) {
            throw bad(name, e.getMessage());
        }
        Map<String, String> meta = file.metadata().orElse(Map.of());
        List<String> tokens;
        Optional<Integer> block;
        if (KEYS.stream().anyMatch(meta::containsKey)) {
            for (String key : KEYS) {
                if (!meta.containsKey(key)) {
                    throw bad(name, "has incomplete metadata: no " + key);
                }
            }
            if (!meta.get(FORMAT_VERSION).equals(VERSION)) {
                throw bad(name, "has format version " + printable(meta.get(FORMAT_VERSION))
                        + " but this program reads version " + VERSION);
            }
            String data = checksum(java.util.Arrays.copyOfRange(bytes, (int) file.dataStart(), bytes.length),
                    meta.get(VOCABULARY), meta.get(BLOCK_SIZE));
            if (!data.equals(meta.get(CHECKSUM))) {
                throw bad(name, "is corrupted (checksum mismatch)");
            }
            tokens = tokens(meta.get(VOCABULARY), name);
            block = Optional.of(blockSize(meta.get(BLOCK_SIZE), name));
        } else {
            try {
                tokens = defaultTokens.get();
            } catch (BadInput e) {
                throw bad(name, "carries no vocabulary in its metadata (a file written from PyTorch), and the"
                        + " default one cannot be had: " + e.getMessage());
            }
            block = Optional.empty();
        }
        return model(file.tensors(), tokens, block, name);
    }

    /** The nine tensors, their sizes checked against each other and against the vocabulary and block size. */
    private static Model model(Map<String, StoredTensor> t, List<String> tokens, Optional<Integer> block, String name) {
        for (String n : TENSORS) {
            if (!t.containsKey(n)) {
                throw bad(name, "has no tensor " + n + " (a model holds " + String.join(", ", TENSORS) + ")");
            }
        }
        for (String n : t.keySet()) {
            if (!TENSORS.contains(n)) {
                throw bad(name, "has the unexpected tensor " + printable(n) + " (a model holds "
                        + String.join(", ", TENSORS) + ")");
            }
        }
        int vocab = tokens.size();
        long[] c = t.get("C").shape();
        if (c.length != 2 || c[0] != vocab || c[1] < 1) {
            throw bad(name, "has C of shape " + t.get("C").shapeText() + ", but a vocabulary of " + vocab
                    + " tokens needs (" + vocab + ", n_embd)");
        }
        int embd = (int) c[1];
        long[] w1 = t.get("W1").shape();
        if (w1.length != 2 || w1[0] < 1 || w1[0] % embd != 0 || w1[1] < 1) {
            throw bad(name, "has W1 of shape " + t.get("W1").shapeText() + ", but n_embd " + embd
                    + " (the columns of C) needs (block_size * " + embd + ", n_hidden)");
        }
        int blockSize = (int) (w1[0] / embd);
        if (block.isPresent() && block.get() != blockSize) {
            throw bad(name, "has W1 of shape " + t.get("W1").shapeText() + ", but block_size " + block.get()
                    + " and n_embd " + embd + " need " + block.get() * embd + " rows");
        }
        int hidden = (int) w1[1];
        Model model;
        try {
            Params p = Params.build(param -> matrixOf(t, param.notebookName(), hidden));
            model = new Model(tokens, blockSize, p, matrixOf(t, BNMEAN, hidden), matrixOf(t, BNVAR, hidden));
        } catch (Model.Inconsistent e) {
            throw bad(name, "has " + e.tensor() + " of shape " + t.get(e.tensor()).shapeText() + ", expected "
                    + expected(e.tensor(), e.expected()));
        }
        for (String n : TENSORS) {
            double[] v = t.get(n).values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw bad(name, "is corrupted: " + n + " holds " + v[i] + " at element " + i);
                }
            }
        }
        double[] var = t.get(BNVAR).values();
        for (int i = 0; i < var.length; i++) {
            if (var[i] < 0) {
                throw bad(name, "is corrupted: bnvar holds the negative variance " + var[i] + " at element " + i);
            }
        }
        return model;
    }

    /**
     * A tensor as a matrix, its shape as stored: (n) as the row (1, n), (r, c) as it is. Whether the
     * shape fits the others is the {@link Model}'s one check. A tensor that is no matrix (another rank,
     * an empty dimension) stands in as a (hidden + 1, 1) matrix, a shape no tensor of a model has (the
     * rows are (1, n), W2 has n_hidden rows), so the model's check names it, in its turn.
     */
    private static Matrix matrixOf(Map<String, StoredTensor> t, String n, int hidden) {
        long[] s = t.get(n).shape();
        double[] v = t.get(n).values();
        if (s.length == 1 && s[0] >= 1) {
            return Matrix.of(1, (int) s[0], v);
        }
        if (s.length == 2 && s[0] >= 1 && s[1] >= 1) {
            return Matrix.of((int) s[0], (int) s[1], v);
        }
        return Matrix.of(hidden + 1, 1, new double[hidden + 1]);
    }

    /** The shape the model expected, as the file may store it, and where its sizes come from. */
    private static String expected(String tensor, Shape e) {
        String from = switch (tensor) {
            case "W2" -> "n_hidden from W1, the vocabulary size";
            case "b2" -> "the vocabulary size";
            default -> "n_hidden, from W1";
        };
        if (e.rows() == 1) {
            return "[" + e.cols() + "] or [1, " + e.cols() + "] (" + e.cols() + " is " + from + ")";
        }
        return "[" + e.rows() + ", " + e.cols() + "] (" + from + ")";
    }

    private static StoredTensor matrix(Matrix m) {
        return new StoredTensor(Dtype.F64, new long[] {m.rows(), m.cols()}, m.toArray());
    }

    /** A (1, n) matrix as the notebook's 1-d vector (n). */
    private static StoredTensor vector(Matrix m) {
        return new StoredTensor(Dtype.F64, new long[] {m.cols()}, m.toArray());
    }

    /** The tokens joined; each must be one character (code point), '.' first, no two alike. */
    static String vocabularyText(List<String> tokens) {
        for (String s : tokens) {
            if (s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException("ModelFile: the token '" + s + "' is not one character");
            }
        }
        return String.join("", tokens);
    }

    private static List<String> tokens(String text, String name) {
        List<String> tokens = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        text.codePoints().forEach(cp -> tokens.add(Character.toString(cp)));
        if (tokens.size() < 2 || !tokens.get(0).equals(".")) {
            throw bad(name, "has a vocabulary that does not start with '.' followed by at least one character");
        }
        for (String s : tokens) {
            if (!seen.add(s.codePointAt(0))) {
                throw bad(name, "has a vocabulary that holds " + printable(s) + " twice");
            }
            if (!Vocabulary.printable(s.codePointAt(0))) {
                throw bad(name, "has a vocabulary that holds the control character U+"
                        + String.format(Locale.ROOT, "%04X", s.codePointAt(0)) + ", which would break the names"
                        + " it prints");
            }
        }
        return tokens;
    }

    private static int blockSize(String text, String name) {
        try {
            int b = Integer.parseInt(text);
            if (b >= 1) {
                return b;
            }
        } catch (NumberFormatException e) {
            // falls through to the sentence below
        }
        throw bad(name, "has the block_size " + printable(text) + ", not a positive whole number");
    }

    /** "crc32:" and 8 hex digits: CRC-32 of the data buffer, the vocabulary's UTF-8, a zero byte, the block size. */
    static String checksum(byte[] data, String vocabulary, String block) {
        CRC32 crc = new CRC32();
        crc.update(data);
        crc.update(vocabulary.getBytes(StandardCharsets.UTF_8));
        crc.update(0);
        crc.update(block.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "crc32:%08x", crc.getValue());
    }

    /** A string from the file, quoted for a one-line message. */
    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + cut.replaceAll("\\p{Cntrl}|\\u2028|\\u2029|\\u0085", "?") + "'";
    }

    private static ModelFileException bad(String name, String what) {
        return new ModelFileException("model file " + name + " " + what);
    }
}
