package org.backpropninja.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where names.txt is: {@code --data PATH} if given, else {@code names.txt} in the current
 * directory. The repository holds makemore's names.txt at its top level, so a command run from
 * there finds it without options.
 */
public final class DataFile {

    /** The default location, relative to the working directory. */
    public static final Path DEFAULT_LOCATION = Path.of("names.txt");

    private DataFile() {
    }

    /** The data file to read, or a {@link DataException} that says where to put it. */
    public static Path locate(Optional<String> explicit) {
        return locate(explicit, Path.of(""));
    }

    /** As {@link #locate(Optional)}, with {@code workingDirectory} in place of the current directory. */
    static Path locate(Optional<String> explicit, Path workingDirectory) {
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
        Path inWorkingDirectory = workingDirectory.resolve(DEFAULT_LOCATION);
        if (Files.isRegularFile(inWorkingDirectory)) {
            return inWorkingDirectory;
        }
        throw new DataException("names.txt not found in the current directory: run from the repository's top"
                + " level, which holds it (makemore's names.txt dataset, 32,033 names, one per line), or pass"
                + " --data PATH");
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
