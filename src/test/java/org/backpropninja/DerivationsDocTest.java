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
 * in the ops and nn packages that declares a {@code backward} method needs a heading line in
 * docs/derivations.md naming it in backticks.
 */
class DerivationsDocTest {

    private static final Path DOC = Path.of("docs", "derivations.md");
    private static final List<Path> PACKAGES = List.of(
            Path.of("src", "main", "java", "org", "backpropninja", "ops"),
            Path.of("src", "main", "java", "org", "backpropninja", "nn"));

    /** A method declaration named backward: a return type, the name, an opening parenthesis. */
    private static final Pattern BACKWARD = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final)\\s+)*[\\w.<>\\[\\], ?]+\\s+backward\\s*\\(",
            Pattern.MULTILINE);

    /** Names of the top-level classes (one per file) that declare a backward method. */
    static List<String> classesWithBackward() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path dir : PACKAGES) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    if (BACKWARD.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
                        String file = f.getFileName().toString();
                        names.add(file.substring(0, file.length() - ".java".length()));
                    }
                }
            }
        }
        return names;
    }

    @Test
    void everyClassWithABackwardHasAHeadingInTheDerivations() throws IOException {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC);
        List<String> headings = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("#")).toList();
        List<String> classes = classesWithBackward();
        assertFalse(classes.isEmpty(), "found no class with a backward method under " + PACKAGES);
        List<String> missing = classes.stream()
                .filter(c -> headings.stream().noneMatch(h -> h.contains("`" + c + "`"))).toList();
        assertTrue(missing.isEmpty(), () -> "docs/derivations.md has no heading naming "
                + String.join(", ", missing.stream().map(c -> "`" + c + "`").toList())
                + " (each class with a backward needs a '#' heading containing its name in backticks)");
    }

    @Test
    void theScannerFindsTheStagedSteps() throws IOException {
        List<String> classes = classesWithBackward();
        for (String c : List.of("Log", "RowMax", "BroadcastMul", "Embedding", "StagedChain")) {
            assertTrue(classes.contains(c), () -> c + " not found among " + classes);
        }
        assertFalse(classes.contains("Broadcast"), "Broadcast has no backward method but was listed");
        assertFalse(classes.contains("StagedGradCheck"), "StagedGradCheck has no backward but was listed");
    }
}
