package org.backpropninja.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

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
    private final String finishedFile;
    private final Path partial;
    private final Path outermostNew;
    private final Sink sink;
    private final Thread cleanupOnSignal;
    /** Whether this claim created the partial directory (only then is it this run's to remove). */
    private boolean created;
    private boolean committed;
    private boolean closed;

    private RunDirectory(Path target, String finishedFile, Path partial, Path outermostNew, Sink sink) {
        this.target = target;
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
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getFileName() == null || abs.getParent() == null) {
            throw new RunDirectoryException("output directory " + target + " cannot hold a run: it has no name"
                    + " of its own");
        }
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
        Path partial = abs.resolveSibling("." + abs.getFileName() + ".partial");
        // The shutdown hook is in place before the first directory is created, so a signal at any
        // moment of the claim finds whatever the claim created already covered by the cleanup.
        RunDirectory d = new RunDirectory(target, finishedFile, partial, outermostNew, sink);
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
                throw new RunDirectoryException("output directory " + target + " cannot be written (" + cause(e)
                        + ")");
            }
        }
        String taken = taken(abs, finishedFile);
        if (taken != null) {
            d.close();
            if (!refuse) {
                return null;
            }
            throw new RunDirectoryException("output directory " + target + taken);
        }
        return d;
    }

    /** Why an existing target cannot take a run, or null when it can (absent, or an empty directory). */
    private static String taken(Path abs, String finishedFile) {
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
            return entries.findAny().isPresent() ? " is not empty; a run needs a new or an empty directory" : null;
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
     * Moves the finished run into place with one atomic rename. Synchronized with the shutdown
     * hook's cleanup, so a signal sees the run either committed (kept) or not (removed).
     */
    public synchronized void commit() {
        requireOpen();
        try {
            Files.move(partial, target.toAbsolutePath().normalize(), StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new RunWriteException("cannot move the finished run into " + target + ": something else was"
                    + " written there meanwhile; nothing was written to " + target);
        } catch (IOException e) {
            throw new RunWriteException("cannot move the finished run into " + target + " (" + cause(e)
                    + "); nothing was written to " + target);
        }
        committed = true;
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
            removeEmpty(target.toAbsolutePath().normalize().getParent(), outermostNew);
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
