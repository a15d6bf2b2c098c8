package org.backpropninja.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a directory is a mount point, which no rename can replace. On Linux the kernel's own
 * list, /proc/self/mountinfo, answers it (a bind mount of a directory of the same file system
 * included); elsewhere a device number that differs from the parent's does.
 */
final class MountPoints {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountPoints() {
    }

    /** True when {@code dir} (absolute, links followed) is where a file system is mounted. */
    static boolean isMountPoint(Path dir) {
        try {
            Path real = dir.toRealPath();
            if (Files.isReadable(MOUNTINFO)) {
                return mountPoints(Files.readAllLines(MOUNTINFO)).contains(real.toString());
            }
            Path parent = real.getParent();
            return parent != null && !Files.getAttribute(real, "unix:dev").equals(Files.getAttribute(parent, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false; // cannot tell: the ordinary rename is tried, and its failure reported
        }
    }

    /** The mount points of mountinfo's lines: the fifth field, with the kernel's octal escapes undone. */
    static List<String> mountPoints(List<String> lines) {
        return lines.stream().map(l -> l.split(" ")).filter(f -> f.length > 4).map(f -> unescape(f[4])).toList();
    }

    /** "\040" and its kind (space, tab, newline, backslash) back to the character. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
