package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class with a hand-written backward has its derivation written down: each top-level class
 * in the ops package (the staged steps) or the notebook package (the staged chain composing them)
 * that declares a {@code backward} method needs a heading naming it in backticks in Part 1 of
 * docs/derivations.md, and each in the nn package (the fused layers) one in Part 2. The parts
 * matter: ops and nn both have a {@code Tanh}, and each needs its own section.
 */
class DerivationsDocTest {

    private static final Path DOC = Path.of("docs", "derivations.md");
    private static final Path MAIN = Path.of("src", "main", "java", "org", "backpropninja");
    private static final List<Path> PACKAGES = List.of(MAIN.resolve("ops"), MAIN.resolve("notebook"),
            MAIN.resolve("nn"));
    /** The part of the document each of {@link #PACKAGES} belongs to. */
    private static final String[] PARTS = {"Part 1", "Part 1", "Part 2"};

    /** A method declaration named backward: a return type, the name, an opening parenthesis. */
    private static final Pattern BACKWARD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final)\\s+)*[\\w.<>\\[\\], ?]+\\s+backward\\s*\\(",
            Pattern.MULTILINE);

    /** Names of the top-level classes (one per file) that declare a backward method. */
    static List<String> classesWithBackward() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path dir : PACKAGES) {
            names.addAll(classesWithBackward(dir));
        }
        return names;
    }

    /** Names of the top-level classes in one package directory that declare a backward method. */
    static List<String> classesWithBackward(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (BACKWARD.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
                    String file = f.getFileName().toString();
                    names.add(file.substring(0, file.length() - ".java".length()));
                }
            }
        }
        return names;
    }

    /** The heading lines of one part of the document: from its "## Part" heading to the next. */
    static List<String> headingsOfPart(List<String> lines, String part) {
        List<String> headings = new ArrayList<>();
        boolean inside = false;
        for (String l : lines) {
            if (l.startsWith("## ")) {
                inside = l.startsWith("## " + part + ":");
            } else if (inside && l.startsWith("#")) {
                headings.add(l);
            }
        }
        return headings;
    }

    @Test
    void everyClassWithABackwardHasAHeadingInItsPartOfTheDerivations() throws IOException {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC);
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < PACKAGES.size(); k++) {
            List<String> headings = headingsOfPart(lines, PARTS[k]);
            List<String> classes = classesWithBackward(PACKAGES.get(k));
            assertFalse(classes.isEmpty(), "found no class with a backward method under " + PACKAGES.get(k));
            for (String c : classes) {
                if (headings.stream().noneMatch(h -> h.contains("`" + c + "`"))) {
                    missing.add("`" + c + "` (" + PACKAGES.get(k).getFileName() + ", " + PARTS[k] + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> "docs/derivations.md has no heading naming "
                + String.join(", ", missing) + " (each class with a backward needs a '#' heading containing"
                + " its name in backticks, in the part of its package)");
    }

    @Test
    void theScannerFindsTheStagedSteps() throws IOException {
        List<String> classes = classesWithBackward();
        for (String c : List.of("Log", "RowMax", "BroadcastMul", "Gather", "StagedChain", "Embedding")) {
            assertTrue(classes.contains(c), () -> c + " not found among " + classes);
        }
        assertFalse(classes.contains("Broadcast"), "Broadcast has no backward method but was listed");
        assertFalse(classes.contains("StagedGradCheck"), "StagedGradCheck has no backward but was listed");
    }
}
