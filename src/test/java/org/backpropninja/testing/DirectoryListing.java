package org.backpropninja.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the output-directory tests look at: the names a folder holds. */
public final class DirectoryListing {

    private DirectoryListing() {
    }

    /** The names of the entries of folder p, sorted. */
    public static List<String> entries(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
