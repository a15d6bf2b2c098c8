package org.backpropninja.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.backpropninja.cli.UsageError;

/**
 * Where names.txt is: {@code --data PATH} if given, else {@code ./names.txt}, else
 * {@code ../shared/names.txt}. The dataset is never part of this repository.
 */
public final class DataFile {

    /** The fallback locations, in order, relative to the working directory. */
    public static final Path[] DEFAULT_LOCATIONS = {Path.of("names.txt"), Path.of("..", "shared", "names.txt")};

    private DataFile() {
    }

    /** The data file to read, or a {@link UsageError} that says where to put it. */
    public static Path locate(Optional<String> explicit) {
        if (explicit.isPresent()) {
            Path p = Path.of(explicit.get());
            if (!Files.exists(p)) {
                throw new UsageError("--data " + explicit.get() + ": no such file");
            }
            if (!Files.isRegularFile(p)) {
                throw new UsageError("--data " + explicit.get() + ": not a regular file");
            }
            if (!Files.isReadable(p)) {
                throw new UsageError("--data " + explicit.get() + ": file is not readable");
            }
            return p;
        }
        for (Path p : DEFAULT_LOCATIONS) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new UsageError("names.txt not found: pass --data PATH, or put makemore's names.txt"
                + " (32,033 names, one per line) in the current directory or at ../shared/names.txt");
    }
}
