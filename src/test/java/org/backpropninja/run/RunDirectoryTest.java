package org.backpropninja.run;

import static org.backpropninja.testing.DirectoryListing.entries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run directory is all or nothing: its files appear together with one rename or not at all,
 * whatever stops the run; two runs never share a directory; a write error names the file and cause.
 * The full disk is a simulated failing writer (no root, no small file system needed).
 */
class RunDirectoryTest {

    /** The file that marks a finished run, as the train command names it. */
    private static final String MODEL = "model.safetensors";

    @TempDir
    Path dir;

    static final byte[] A = "first".getBytes(StandardCharsets.UTF_8);
    static final byte[] B = "second".getBytes(StandardCharsets.UTF_8);

    @Test
    void theFilesAppearTogetherWithTheCommitAndNotBefore() throws IOException {
        Path target = dir.resolve("run");
        try (RunDirectory d = RunDirectory.claim(target, MODEL, RunDirectory.FILES)) {
            d.write("model.safetensors", A);
            d.write("metrics.json", B);
            assertFalse(Files.exists(target), "nothing at the target before the commit");
            d.commit();
        }
        assertEquals(List.of("metrics.json", "model.safetensors"), entries(target));
        assertArrayEquals(A, Files.readAllBytes(target.resolve("model.safetensors")));
        assertEquals(List.of("run"), entries(dir), "no partial directory left");
    }

    @Test
    void aSecondClaimOfATargetBeingWrittenIsRefusedInOneSentence() throws IOException {
        Path target = dir.resolve("shared");
        try (RunDirectory first = RunDirectory.claim(target, MODEL, RunDirectory.FILES)) {
            RunDirectoryException e = assertThrows(RunDirectoryException.class,
                    () -> RunDirectory.claim(target, MODEL, RunDirectory.FILES));
            assertTrue(e.getMessage().startsWith("output directory " + target + " is being written by another run"),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            first.write("model.safetensors", A);
            first.commit();
        }
        RunDirectoryException again = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.claim(target, MODEL, RunDirectory.FILES));
        assertTrue(again.getMessage().contains("already holds a model.safetensors"), again.getMessage());
        assertEquals(List.of("model.safetensors"), entries(target), "the finished run is untouched");
    }

    @Test
    void runsStartedInTheSameSecondGetTwoDirectories() throws IOException {
        Path runs = dir.resolve("runs");
        try (RunDirectory a = RunDirectory.claimNew(runs, "20260101-120000", MODEL, RunDirectory.FILES);
             RunDirectory b = RunDirectory.claimNew(runs, "20260101-120000", MODEL, RunDirectory.FILES)) {
            assertNotEquals(a.target(), b.target());
            assertEquals(runs.resolve("20260101-120000"), a.target());
            assertEquals(runs.resolve("20260101-120000-2"), b.target());
            a.write("model.safetensors", A);
            b.write("model.safetensors", B);
            a.commit();
            b.commit();
        }
        try (RunDirectory c = RunDirectory.claimNew(runs, "20260101-120000", MODEL, RunDirectory.FILES)) {
            assertEquals(runs.resolve("20260101-120000-3"), c.target(), "a finished run's name is not reused");
        }
        assertArrayEquals(A, Files.readAllBytes(runs.resolve("20260101-120000/model.safetensors")));
        assertArrayEquals(B, Files.readAllBytes(runs.resolve("20260101-120000-2/model.safetensors")));
        assertEquals(List.of("20260101-120000", "20260101-120000-2"), entries(runs));
    }

    @Test
    void aFullDiskLeavesNothingAndTheMessageNamesTheFileAndTheCause() throws IOException {
        Path target = dir.resolve("new-parent/run");
        RunDirectory.Sink fullAtThePlot = (file, bytes) -> {
            if (file.getFileName().toString().equals("loss.png")) {
                Files.write(file, new byte[10]); // part of the file made it to disk
                throw new IOException("No space left on device");
            }
            RunDirectory.FILES.write(file, bytes);
        };
        RunWriteException e;
        try (RunDirectory d = RunDirectory.claim(target, MODEL, fullAtThePlot)) {
            d.write("model.safetensors", A);
            e = assertThrows(RunWriteException.class, () -> d.write("loss.png", B));
        }
        assertEquals("cannot write " + target.resolve("loss.png") + " (No space left on device); nothing was written"
                + " to " + target, e.getMessage());
        assertEquals(List.of(), entries(dir), "neither the run, nor its partial directory, nor the parent it created");
        try (RunDirectory d = RunDirectory.claim(target, MODEL, RunDirectory.FILES)) {
            d.write("model.safetensors", A);
            d.commit();
        }
        assertEquals(List.of("model.safetensors"), entries(target), "the next run into the same directory is not refused");
    }

    @Test
    void anOutOfMemoryErrorLeavesNoEmptyDirectory() throws IOException {
        Path target = dir.resolve("oom");
        assertThrows(OutOfMemoryError.class, () -> {
            try (RunDirectory d = RunDirectory.claim(target, MODEL, (file, bytes) -> {
                throw new OutOfMemoryError("Java heap space");
            })) {
                d.write("model.safetensors", A);
            }
        });
        assertEquals(List.of(), entries(dir));
    }

    @Test
    void anEmptyDirectoryGivenAsTargetTakesTheRunAndOneThatIsNotEmptyIsRefused() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        try (RunDirectory d = RunDirectory.claim(empty, MODEL, RunDirectory.FILES)) {
            d.write("model.safetensors", A);
            d.commit();
        }
        assertEquals(List.of("model.safetensors"), entries(empty));
        Path busy = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.claim(busy, MODEL, RunDirectory.FILES));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
        assertEquals(List.of("notes.txt"), entries(busy));
        assertEquals(List.of("busy", "empty"), entries(dir), "no partial directory left by a refusal");
    }

    @Test
    void anEmptyPathAFileAndAPathUnderAFileAreRefused() throws IOException {
        assertTrue(assertThrows(RunDirectoryException.class, () -> RunDirectory.claim(Path.of(""), MODEL, RunDirectory.FILES))
                .getMessage().contains("must be named"));
        Path file = Files.writeString(dir.resolve("file"), "keep");
        assertTrue(assertThrows(RunDirectoryException.class, () -> RunDirectory.claim(file, MODEL, RunDirectory.FILES))
                .getMessage().contains("cannot be written: it is a file"));
        assertTrue(assertThrows(RunDirectoryException.class,
                () -> RunDirectory.claim(file.resolve("sub"), MODEL, RunDirectory.FILES)).getMessage().contains("cannot be written"));
        assertEquals("keep", Files.readString(file));
        assertEquals(List.of("file"), entries(dir));
    }
}
