package org.backpropninja.run;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a run's directory really goes, decided before any training: the target as given, the
 * directory it names once symbolic links are followed, and whether that directory is a mount point.
 *
 * <ul>
 *   <li>A symbolic link to a directory takes the run into the directory it points to, which must
 *   then be empty, as any target (the link is left as it is, and names the finished run). A
 *   dangling link, a link that loops, or a link to a file is refused: the final rename could not
 *   use it, and finding that out after the training would throw the training away.</li>
 *   <li>A path under a file ({@code afile/sub}) is refused naming the file that is not a directory.</li>
 *   <li>An existing directory that is a mount point (a Docker volume, a tmpfs) cannot be replaced by
 *   a rename ("Device or resource busy"), so the run is prepared inside it instead
 *   ({@link RunDirectory}).</li>
 * </ul>
 *
 * @param given the target as the user gave it, for messages
 * @param where the absolute, normalized directory the run goes to, links followed
 * @param mountPoint whether {@code where} exists and is a mount point
 */
record OutputTarget(Path given, Path where, boolean mountPoint) {

    /**
     * Resolves {@code given}; a target that cannot take a run is a {@link RunDirectoryException}
     * saying why (one sentence naming {@code given}).
     */
    static OutputTarget of(Path given) {
        Path abs = given.toAbsolutePath().normalize();
        if (abs.getFileName() == null || abs.getParent() == null) {
            throw new RunDirectoryException("output directory " + given + " cannot hold a run: it has no name"
                    + " of its own");
        }
        Path where = abs;
        if (Files.isSymbolicLink(abs)) {
            where = followed(given, abs);
        }
        // the path as given where it is the one walked, so the message names what the user wrote
        for (Path p = where.equals(abs) ? given.getParent() : where.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new RunDirectoryException("output directory " + given + " cannot be written: " + p
                            + " is a file, not a directory");
                }
                break;
            }
        }
        return new OutputTarget(given, where, Files.isDirectory(where, LinkOption.NOFOLLOW_LINKS)
                && MountPoints.isMountPoint(where));
    }

    /** The directory a symbolic link names, or a refusal of a link that loops, dangles or names a file. */
    private static Path followed(Path given, Path link) {
        String to;
        try {
            to = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            to = "?";
        }
        Path real;
        try {
            real = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RunDirectoryException("output directory " + given + " is a symbolic link to " + to + ", which"
                    + " does not exist; create that directory or give another --out");
        } catch (FileSystemException e) {
            throw new RunDirectoryException("output directory " + given + " is a symbolic link that cannot be"
                    + " followed (" + RunDirectory.cause(e) + "); give a directory");
        } catch (IOException e) {
            throw new RunDirectoryException("output directory " + given + " is a symbolic link that cannot be"
                    + " followed (" + RunDirectory.cause(e) + "); give a directory");
        }
        if (!Files.isDirectory(real)) {
            throw new RunDirectoryException("output directory " + given + " cannot be written: it is a symbolic"
                    + " link to the file " + to);
        }
        if (real.getParent() == null) {
            throw new RunDirectoryException("output directory " + given + " cannot hold a run: it is a link to "
                    + real);
        }
        return real;
    }
}
