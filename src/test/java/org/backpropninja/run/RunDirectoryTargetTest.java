package org.backpropninja.run;

import static org.backpropninja.testing.DirectoryListing.entries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets that the start-up check used to accept but the final rename could not use, found only
 * after the whole run had trained: an empty mount point ("Device or resource busy"), a symbolic
 * link to an empty directory, a dangling link, a link that loops ("Not a directory"). A mount
 * point and a link to a directory now take the run; the others are refused at the claim, before
 * any training. The mount points are made with mount(8) where the tests may mount (as root, say),
 * and skipped with the reason where they may not.
 */
class RunDirectoryTargetTest {

    private static final String MODEL = "model.safetensors";
    static final byte[] A = "first".getBytes(StandardCharsets.UTF_8);
    static final byte[] B = "second".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** What this test mounted, unmounted after it, last first. */
    private final Deque<Path> mounted = new ArrayDeque<>();

    @AfterEach
    void unmount() throws Exception {
        while (!mounted.isEmpty()) {
            run("umount", mounted.pop().toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Mounts with mount(8), or skips the test saying why it cannot. */
    private void mount(Path at, String... options) throws Exception {
        String[] command = new String[options.length + 2];
        command[0] = "mount";
        System.arraycopy(options, 0, command, 1, options.length);
        command[command.length - 1] = at.toString();
        int status;
        try {
            status = run(command);
        } catch (IOException e) {
            status = -1;
        }
        Assumptions.assumeTrue(status == 0, "this test needs to mount a file system (mount(8) as root): "
                + String.join(" ", command) + " failed here");
        mounted.push(at);
    }

    private static void writeRun(Path target) {
        try (RunDirectory d = RunDirectory.claim(target, MODEL, RunDirectory.FILES)) {
            d.write(MODEL, A);
            d.write("metrics.json", B);
            d.commit();
        }
    }

    @Test
    void anEmptyTmpfsMountPointTakesTheRunInsideIt() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        mount(volume, "-t", "tmpfs", "-o", "size=1m", "tmpfs");
        assertTrue(MountPoints.isMountPoint(volume));
        try (RunDirectory d = RunDirectory.claim(volume, MODEL, RunDirectory.FILES)) {
            d.write(MODEL, A);
            d.write("metrics.json", B);
            assertEquals(List.of(".volume.partial"), entries(volume), "the files wait in a private directory");
            assertThrows(RunDirectoryException.class, () -> RunDirectory.claim(volume, MODEL, RunDirectory.FILES),
                    "a second run into the same volume is refused while the first writes");
            d.commit();
        }
        assertEquals(List.of("metrics.json", MODEL), entries(volume));
        assertArrayEquals(A, Files.readAllBytes(volume.resolve(MODEL)));
        assertTrue(assertThrows(RunDirectoryException.class, () -> writeRun(volume)).getMessage()
                .contains("already holds a model.safetensors"));
    }

    @Test
    void aBindMountOfADirectoryOfTheSameFileSystemTakesTheRunInsideIt() throws Exception {
        Path source = Files.createDirectory(dir.resolve("source"));
        Path volume = Files.createDirectory(dir.resolve("volume"));
        mount(volume, "--bind", source.toString());
        assertTrue(MountPoints.isMountPoint(volume), "the kernel's list names a bind mount too");
        writeRun(volume);
        assertEquals(List.of("metrics.json", MODEL), entries(source));
    }

    @Test
    void aFailedWriteInsideAMountPointLeavesItEmpty() throws Exception {
        Path volume = Files.createDirectory(dir.resolve("volume"));
        mount(volume, "-t", "tmpfs", "-o", "size=64k", "tmpfs");
        RunWriteException e;
        try (RunDirectory d = RunDirectory.claim(volume, MODEL, RunDirectory.FILES)) {
            d.write(MODEL, A);
            e = assertThrows(RunWriteException.class, () -> d.write("loss.png", new byte[1 << 20]));
        }
        assertTrue(e.getMessage().startsWith("cannot write " + volume.resolve("loss.png") + " (No space left on device)"),
                e.getMessage());
        assertEquals(List.of(), entries(volume), "the volume is as empty as it was");
    }

    @Test
    void anEmptyDirectoryInAParentThatCannotBeWrittenNamesTheParent() throws Exception {
        Path parent = Files.createDirectory(dir.resolve("parent"));
        mount(parent, "-t", "tmpfs", "-o", "size=64k", "tmpfs");
        Path out = Files.createDirectory(parent.resolve("out"));
        Assumptions.assumeTrue(run("mount", "-o", "remount,ro", parent.toString()) == 0, "remount read-only");
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> writeRun(out));
        assertEquals("output directory " + out + " cannot be written: the run is prepared beside it, in " + parent
                + ", which cannot be written (Read-only file system)", e.getMessage());
    }

    @Test
    void aSymbolicLinkToAnEmptyDirectoryTakesTheRunIntoThatDirectory() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("elsewhere/empty"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), empty);
        writeRun(link);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals(List.of("metrics.json", MODEL), entries(empty));
        assertEquals(List.of("empty"), entries(dir.resolve("elsewhere")), "no partial directory left");
        Path relative = Files.createSymbolicLink(dir.resolve("relative"), Path.of("elsewhere/other"));
        Files.createDirectory(dir.resolve("elsewhere/other"));
        writeRun(relative);
        assertEquals(List.of("metrics.json", MODEL), entries(dir.resolve("elsewhere/other")));
    }

    @Test
    void aDanglingLinkALoopAndALinkToAFileAreRefusedAtTheClaim() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertEquals("output directory " + dangling + " is a symbolic link to " + dir.resolve("nowhere") + ", which"
                + " does not exist; create that directory or give another --out",
                assertThrows(RunDirectoryException.class, () -> writeRun(dangling)).getMessage());
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        String m = assertThrows(RunDirectoryException.class, () -> writeRun(loop)).getMessage();
        assertTrue(m.startsWith("output directory " + loop + " is a symbolic link that cannot be followed ("), m);
        Path file = Files.writeString(dir.resolve("file"), "keep");
        Path toFile = Files.createSymbolicLink(dir.resolve("to-file"), file);
        assertEquals("output directory " + toFile + " cannot be written: it is a symbolic link to the file " + file,
                assertThrows(RunDirectoryException.class, () -> writeRun(toFile)).getMessage());
        assertEquals(List.of("dangling", "file", "loop", "to-file"), entries(dir), "nothing created");
        assertEquals("keep", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void aPathUnderAFileSaysWhichIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "keep");
        assertEquals("output directory " + file.resolve("sub") + " cannot be written: " + file + " is a file, not a"
                + " directory", assertThrows(RunDirectoryException.class, () -> writeRun(file.resolve("sub")))
                .getMessage());
        assertEquals("output directory " + file.resolve("a/b") + " cannot be written: " + file + " is a file, not a"
                + " directory", assertThrows(RunDirectoryException.class, () -> writeRun(file.resolve("a/b")))
                .getMessage());
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        assertEquals("output directory " + relative.resolve("sub") + " cannot be written: " + relative + " is a file,"
                + " not a directory", assertThrows(RunDirectoryException.class, () -> writeRun(relative.resolve("sub")))
                .getMessage(), "a relative path is named as it was given");
    }

    @Test
    void mountinfoEscapesAreUndone() {
        assertEquals(List.of("/", "/mnt/my volume", "/a\\b"), MountPoints.mountPoints(List.of(
                "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
                "40 22 0:35 / /mnt/my\\040volume rw - tmpfs tmpfs rw",
                "41 22 0:36 / /a\\134b rw - tmpfs tmpfs rw")));
    }
}
