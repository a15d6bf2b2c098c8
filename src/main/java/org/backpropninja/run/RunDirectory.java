package org.backpropninja.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The output directory of a run, all or nothing. {@link #claim} creates a private directory
 * {@code .NAME.partial} beside the target, atomically (the claim: a second run given the same
 * target finds it and is refused); every file of the run is written into it; {@link #commit}
 * moves it into place with one atomic rename. Until then the target does not change, so a failed
 * write, an exception, an out-of-memory error or a kill leaves either the complete run or nothing:
 * {@link #close} (and, on SIGTERM or Ctrl-C, a shutdown hook) removes the partial directory and
 * every parent directory the claim created. Only a hard kill (SIGKILL, power loss) can leave the
 * partial directory behind; the next run into that target is then refused with a sentence saying so.
 *
 * <p>Two targets take another way ({@link OutputTarget}, decided at the claim, before any training):
 * a symbolic link to a directory takes the run into that directory (a dangling link, a loop or a
 * link to a file is refused); and an empty directory that is a mount point (a Docker volume, a
 * tmpfs), which no rename can replace, gets its partial directory inside it, from where
 * {@link #commit} moves the files out one by one, moving them back if one move fails.
 *
 * <p>A target is refused at the claim when it is a file, when it is a directory that is not empty
 * (a finished run, or anything else: the final rename replaces only an empty directory), when its
 * partial directory exists (another run is writing it), or when it cannot be created.
 * {@link #claimNew} picks a fresh name instead ({@code stem}, {@code stem-2}, {@code stem-3}, ...),
 * so two runs started in the same second get two directories.
 *
 * <p>Files are created with the process's umask, like any file a program writes, and written whole:
 * a write error is a {@link RunWriteException} naming the file and the cause.
 */
public final class RunDirectory implements AutoCloseable {

    /** Writes one file; {@link #FILES} on disk, a failing one in tests (a full disk, say). */
    @FunctionalInterface
    public interface Sink {
        void write(Path file, byte[] bytes) throws IOException;
    }

    /** Creates the file (it must not exist) and writes the bytes. */
    public static final Sink FILES = (file, bytes) -> Files.write(file, bytes, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    /** How many names {@link #claimNew} tries before giving up. */
    static final int MAX_SUFFIX = 1000;

    private final Path target;
    /** The directory the run goes to: absolute, symbolic links followed ({@link OutputTarget}). */
    private final Path where;
    /** Whether the partial directory is inside {@link #where} (a mount point) rather than beside it. */
    private final boolean inside;
    private final String finishedFile;
    private final Path partial;
    private final Path outermostNew;
    private final Sink sink;
    private final Thread cleanupOnSignal;
    /** Whether this claim created the partial directory (only then is it this run's to remove). */
    private boolean created;
    private boolean committed;
    private boolean closed;

    private RunDirectory(Path target, Path where, boolean inside, String finishedFile, Path partial,
                         Path outermostNew, Sink sink) {
        this.target = target;
        this.where = where;
        this.inside = inside;
        this.finishedFile = finishedFile;
        this.partial = partial;
        this.outermostNew = outermostNew;
        this.sink = sink;
        this.cleanupOnSignal = new Thread(this::abandon, "remove " + partial);
        Runtime.getRuntime().addShutdownHook(cleanupOnSignal);
    }

    /**
     * Claims {@code target} or throws a {@link RunDirectoryException} saying why it cannot hold this
     * run; a target holding {@code finishedFile} is refused as a finished run.
     */
    public static RunDirectory claim(Path target, String finishedFile, Sink sink) {
        return tryClaim(target, finishedFile, sink, true);
    }

    /** Claims the first free directory of {@code parent/stem}, {@code parent/stem-2}, ... */
    public static RunDirectory claimNew(Path parent, String stem, String finishedFile, Sink sink) {
        for (int k = 1; k <= MAX_SUFFIX; k++) {
            RunDirectory d = tryClaim(parent.resolve(k == 1 ? stem : stem + "-" + k), finishedFile, sink, false);
            if (d != null) {
                return d;
            }
        }
        throw new RunDirectoryException("no free run directory under " + parent + ": " + stem + " to " + stem + "-"
                + MAX_SUFFIX + " are all taken");
    }

    /**
     * The claim. With {@code refuse} a taken target is a {@link RunDirectoryException}; without it,
     * null (the caller tries another name). The partial directory is created first and the target
     * checked after, so a run that finishes between the two is seen as finished.
     */
    private static RunDirectory tryClaim(Path target, String finishedFile, Sink sink, boolean refuse) {
        if (target.toString().isEmpty()) {
            throw new RunDirectoryException("the output directory must be named (an empty path would write into"
                    + " the current directory)");
        }
        OutputTarget resolved;
        try {
            resolved = OutputTarget.of(target);
        } catch (RunDirectoryException e) {
            if (!refuse) {
                return null;
            }
            throw e;
        }
        Path abs = resolved.where();
        boolean inside = resolved.mountPoint();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            if (!refuse) {
                return null;
            }
            throw new RunDirectoryException("output directory " + target + " cannot be written: it is a file");
        }
        Path outermostNew = null;
        for (Path p = abs.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            outermostNew = p;
        }
        // Beside the target, where one rename puts the finished run in place; inside a mount point,
        // which no rename can replace, from where the files are moved out one by one.
        String partialName = "." + abs.getFileName() + ".partial";
        Path partial = inside ? abs.resolve(partialName) : abs.resolveSibling(partialName);
        // The shutdown hook is in place before the first directory is created, so a signal at any
        // moment of the claim finds whatever the claim created already covered by the cleanup.
        RunDirectory d = new RunDirectory(target, abs, inside, finishedFile, partial, outermostNew, sink);
        synchronized (d) {
            try {
                Files.createDirectories(abs.getParent());
                Files.createDirectory(partial);
                d.created = true;
            } catch (FileAlreadyExistsException e) {
                d.close();
                if (e.getFile() != null && Path.of(e.getFile()).equals(partial)) {
                    if (!refuse) {
                        return null;
                    }
                    throw new RunDirectoryException("output directory " + target + " is being written by another"
                            + " run (" + partial + " exists; if no run is using it, a killed run left it and it can"
                            + " be removed)");
                }
                throw new RunDirectoryException("output directory " + target + " cannot be written (" + cause(e)
                        + ")");
            } catch (IOException | SecurityException e) {
                d.close();
                if (!inside && Files.isDirectory(abs.getParent()) && e instanceof FileSystemException f
                        && f.getFile() != null && Path.of(f.getFile()).equals(partial)) {
                    throw new RunDirectoryException("output directory " + target + " cannot be written: the run is"
                            + " prepared beside it, in " + abs.getParent() + ", which cannot be written (" + cause(e)
                            + ")");
                }
                throw new RunDirectoryException("output directory " + target + " cannot be written (" + cause(e)
                        + ")");
            }
        }
        String taken = taken(abs, finishedFile, inside ? partialName : null);
        if (taken != null) {
            d.close();
            if (!refuse) {
                return null;
            }
            throw new RunDirectoryException("output directory " + target + taken);
        }
        return d;
    }

    /**
     * Why an existing target cannot take a run, or null when it can (absent, or an empty directory,
     * {@code ownEntry} apart: the partial directory inside a mount point).
     */
    private static String taken(Path abs, String finishedFile, String ownEntry) {
        if (!Files.exists(abs)) {
            return null;
        }
        if (!Files.isDirectory(abs)) {
            return " cannot be written: it is a file";
        }
        if (Files.exists(abs.resolve(finishedFile))) {
            return " already holds a " + finishedFile + " (a finished run); choose another directory";
        }
        try (var entries = Files.list(abs)) {
            return entries.anyMatch(e -> !e.getFileName().toString().equals(ownEntry))
                    ? " is not empty; a run needs a new or an empty directory" : null;
        } catch (IOException e) {
            return " cannot be read (" + cause(e) + ")";
        }
    }

    /** Where the run will be once committed, as it was given. */
    public Path target() {
        return target;
    }

    /** Writes one file of the run; a failure names the file and the cause. */
    public void write(String name, byte[] bytes) {
        requireOpen();
        try {
            sink.write(partial.resolve(name), bytes);
        } catch (IOException e) {
            throw new RunWriteException("cannot write " + target.resolve(name) + " (" + cause(e) + "); nothing was"
                    + " written to " + target);
        }
    }

    /**
     * Moves the finished run into place with one atomic rename (inside a mount point: a rename per
     * file, undone if one fails). Synchronized with the shutdown hook's cleanup, so a signal sees
     * the run either committed (kept) or not (removed).
     */
    public synchronized void commit() {
        requireOpen();
        if (inside) {
            moveOut();
            committed = true;
            return;
        }
        try {
            Files.move(partial, where, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new RunWriteException("cannot move the finished run into " + target + ": something else was"
                    + " written there meanwhile; nothing was written to " + target);
        } catch (IOException e) {
            throw new RunWriteException("cannot move the finished run into " + target + " (" + cause(e)
                    + "); nothing was written to " + target);
        }
        committed = true;
    }

    /**
     * Inside a mount point: each file from the partial directory into the target by a rename within
     * the one file system, then the empty partial directory removed. A failure moves back what was
     * moved, so the target is left as it was, and says so.
     */
    private void moveOut() {
        List<Path> moved = new ArrayList<>();
        try {
            List<Path> files;
            try (var entries = Files.list(partial)) {
                files = entries.sorted().toList();
            }
            for (Path f : files) {
                Path to = where.resolve(f.getFileName());
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(to.toString());
                }
                Files.move(f, to, StandardCopyOption.ATOMIC_MOVE);
                moved.add(to);
            }
            Files.delete(partial);
        } catch (IOException e) {
            for (Path to : moved) {
                try {
                    Files.move(to, partial.resolve(to.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException again) {
                    deleteTree(to);
                }
            }
            String why = e instanceof FileAlreadyExistsException ? ": something else was written there meanwhile"
                    : " (" + cause(e) + ")";
            throw new RunWriteException("cannot move the finished run into " + target + why + "; nothing was written"
                    + " to " + target);
        }
    }

    /** Unless committed: removes the partial directory and the parents the claim created. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnSignal);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or will run, and abandons the same way
        }
        if (!committed) {
            abandon();
        }
    }

    private synchronized void abandon() {
        if (!committed) {
            if (created) {
                deleteTree(partial);
            }
            removeEmpty(where.getParent(), outermostNew);
        }
    }

    private void requireOpen() {
        if (closed || committed) {
            throw new IllegalStateException("RunDirectory: " + target + " is already " + (committed ? "committed"
                    : "closed"));
        }
    }

    /** The cause of an I/O error in words: "No space left on device", "Permission denied", ... */
    static String cause(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Deletes a directory and everything in it, best effort. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | SecurityException e) {
            // best effort: the error being reported matters more than a leftover directory
        }
    }

    /**
     * Removes the directories a claim created, from {@code dir} up to {@code outermostNew}, each only
     * if it is empty. Nothing when the claim created none.
     */
    private static void removeEmpty(Path dir, Path outermostNew) {
        if (outermostNew == null) {
            return;
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            try {
                Files.delete(p);
            } catch (IOException | SecurityException e) {
                return; // not empty (another run's directory, say) or not ours to remove
            }
            if (p.equals(outermostNew)) {
                return;
            }
        }
    }
}
