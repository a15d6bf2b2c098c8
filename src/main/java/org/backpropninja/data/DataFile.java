package org.backpropninja.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where names.txt is: {@code --data PATH} if given, else {@code ./names.txt}, else
 * {@code ../shared/names.txt}. The dataset is never part of this repository.
 */
public final class DataFile {

    /** The fallback locations, in order, relative to the working directory. */
    public static final Path[] DEFAULT_LOCATIONS = {Path.of("names.txt"), Path.of("..", "shared", "names.txt")};

    private DataFile() {
    }

    /** The data file to read, or a {@link DataException} that says where to put it. */
    public static Path locate(Optional<String> explicit) {
        if (explicit.isPresent()) {
            Path p = Path.of(explicit.get());
            if (!Files.exists(p)) {
                throw new DataException("--data " + explicit.get() + ": no such file");
            }
            if (!Files.isRegularFile(p)) {
                throw new DataException("--data " + explicit.get() + ": not a regular file");
            }
            if (!Files.isReadable(p)) {
                throw new DataException("--data " + explicit.get() + ": file is not readable");
            }
            return p;
        }
        for (Path p : DEFAULT_LOCATIONS) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DataException("names.txt not found: pass --data PATH, or put makemore's names.txt"
                + " (32,033 names, one per line) in the current directory or at ../shared/names.txt");
    }

    /** The SHA-256 of the file's bytes, in lowercase hex: which data a run was trained on. */
    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
