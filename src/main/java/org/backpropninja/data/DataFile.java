package org.backpropninja.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.backpropninja.cli.UsageError;

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

    /** The data file to read, or a {@link UsageError} that says where to put it. */
    public static Path locate(Optional<String> explicit) {
        return locate(explicit, Path.of(""));
    }

    /** As {@link #locate(Optional)}, with {@code workingDirectory} in place of the current directory. */
    static Path locate(Optional<String> explicit, Path workingDirectory) {
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
        Path inWorkingDirectory = workingDirectory.resolve(DEFAULT_LOCATION);
        if (Files.isRegularFile(inWorkingDirectory)) {
            return inWorkingDirectory;
        }
        throw new UsageError("names.txt not found in the current directory: run from the repository's top"
                + " level, which holds it (makemore's names.txt dataset, 32,033 names, one per line), or pass"
                + " --data PATH");
    }
}
