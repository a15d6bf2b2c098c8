package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.backpropninja.notebook.Tensor;
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

    /** Every character is printable or a newline: a tab or control character in TeX (a lost \t or \f) never renders. */
    @Test
    void theDocumentHasNoTabOrControlCharacter() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            for (int k = 0; k < l.length(); k++) {
                char c = l.charAt(k);
                if (c < 0x20 || c == 0x7f) {
                    bad.add("line " + (i + 1) + " column " + (k + 1) + ": U+" + String.format("%04X", (int) c));
                }
            }
        }
        assertTrue(bad.isEmpty(), () -> "control characters in " + DOC + ": " + bad);
    }

    /**
     * The math of the document: display blocks between lines that are exactly {@code $$}, and inline
     * spans between single dollars within a paragraph, outside code blocks and code spans. Throws if a
     * paragraph has an odd number of inline dollars or a display block is not closed.
     */
    static List<Math> math(List<String> lines) {
        List<Math> out = new ArrayList<>();
        boolean code = false;
        int displayStart = -1;
        StringBuilder display = new StringBuilder();
        StringBuilder para = new StringBuilder();
        int paraStart = -1;
        for (int i = 0; i <= lines.size(); i++) {
            String l = i < lines.size() ? lines.get(i) : "";
            if (l.startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            if (l.trim().equals("$$")) {
                if (displayStart < 0) {
                    displayStart = i + 1;
                    display.setLength(0);
                } else {
                    out.add(new Math(displayStart, display.toString()));
                    displayStart = -1;
                }
                continue;
            }
            if (displayStart >= 0) {
                display.append(l).append('\n');
                continue;
            }
            if (l.isBlank()) {
                if (para.length() > 0) {
                    out.addAll(inlineMath(paraStart, para.toString()));
                    para.setLength(0);
                }
                continue;
            }
            if (para.length() == 0) {
                paraStart = i + 1;
            }
            para.append(l).append('\n');
        }
        if (displayStart >= 0) {
            throw new AssertionError("display math opened at line " + displayStart + " is never closed");
        }
        return out;
    }

    /** One piece of math and the line it starts on (of its paragraph, for inline math). */
    record Math(int line, String tex) {
    }

    private static List<Math> inlineMath(int line, String paragraph) {
        String text = paragraph.replaceAll("`[^`]*`", "");
        List<Math> out = new ArrayList<>();
        int open = -1;
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) == '$' && (k == 0 || text.charAt(k - 1) != '\\')) {
                if (open < 0) {
                    open = k;
                } else {
                    out.add(new Math(line, text.substring(open + 1, k)));
                    open = -1;
                }
            }
        }
        if (open >= 0) {
            throw new AssertionError("unbalanced $ in the paragraph starting at line " + line + " of " + DOC);
        }
        return out;
    }

    /** TeX commands that, without their backslash (a tab where \t was, a form feed where \f was), print as words. */
    private static final Pattern BARE_COMMAND = Pattern.compile(
            "(?<![\\\\A-Za-z])(frac|tfrac|times|text|mathrm|partial|odot|cdot|sqrt|approx|qquad|varepsilon|epsilon"
                    + "|hat|left|right|sum|dots|top|lvert|rvert|operatorname|mathbf|tanh|log|max|ln)(?![A-Za-z])");

    /** Inside \text{...} and the like, words are prose. */
    private static final Pattern TEXT_ARGUMENT = Pattern.compile("\\\\(?:text|mathrm|operatorname)\\{[^{}]*\\}");

    @Test
    void everyDollarIsBalancedAndEveryTexCommandKeepsItsBackslash() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<Math> math = math(lines);
        assertTrue(math.size() > 100, "found only " + math.size() + " pieces of math: is the scanner broken?");
        List<String> bad = new ArrayList<>();
        for (Math m : math) {
            String prose = TEXT_ARGUMENT.matcher(m.tex()).replaceAll("");
            java.util.regex.Matcher bare = BARE_COMMAND.matcher(prose);
            if (bare.find()) {
                bad.add("line " + m.line() + ": '" + bare.group(1) + "' without its backslash in $" + m.tex() + "$");
            }
            // GitHub's Markdown may take \_ as an escaped underscore before the math renderer sees it,
            // leaving a subscript: names with underscores belong in code spans
            if (m.tex().contains("\\_")) {
                bad.add("line " + m.line() + ": \\_ inside math (use a code span): $" + m.tex() + "$");
            }
        }
        assertTrue(bad.isEmpty(), () -> String.join("\n", bad));
    }

    @Test
    void theMathScannerFindsMathAndTheFaultsItLooksFor() {
        assertEquals(List.of("3 \\times 10^{-5}", "x + y"),
                math(List.of("about $3 \\times 10^{-5}$ and", "`$not math$` $x + y$")).stream().map(Math::tex).toList());
        assertEquals(List.of("a\nb\n"), math(List.of("$$", "a", "b", "$$")).stream().map(Math::tex).toList());
        assertThrows(AssertionError.class, () -> math(List.of("one $x$ and one $y")));
        assertThrows(AssertionError.class, () -> math(List.of("$$", "x")));
        assertTrue(BARE_COMMAND.matcher("frac{h^4}{30}").find(), "frac without its backslash");
        assertTrue(BARE_COMMAND.matcher("3 times 10").find(), "times without its backslash");
        assertFalse(BARE_COMMAND.matcher("\\frac{h^4}{30} \\cdot 3 \\times 10 \\epsilon_\\text{bn}").find());
        assertFalse(BARE_COMMAND.matcher(TEXT_ARGUMENT.matcher("\\text{sum of the terms}").replaceAll("")).find());
    }

    /** The 26 gradients of the notebook's cmp table, in its order (the table of its tensors). */
    static final List<String> CMP = Arrays.stream(Tensor.values()).map(Tensor::notebookName).toList();

    @Test
    void theMapAtTheTopOfPartOneHasOneRowPerNotebookLineInOrder() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("### The notebook's backward cell, line by line");
        assertTrue(start > 0, "no map section in " + DOC);
        List<String> rows = lines.subList(start, lines.size()).stream().takeWhile(l -> !l.startsWith("### Values"))
                .filter(l -> l.matches("\\| \\d+ \\| .*")).toList();
        assertEquals(CMP.size(), rows.size(), "rows of the map");
        for (int k = 0; k < CMP.size(); k++) {
            int i = k;
            String row = rows.get(i);
            // the notebook writes demcat for dembcat
            String grad = CMP.get(i).equals("embcat") ? "demcat" : "d" + CMP.get(i);
            assertTrue(row.startsWith("| " + (i + 1) + " | `"), row);
            assertTrue(Pattern.compile("`" + Pattern.quote(grad) + "(\\[[^]]*\\])? \\+?= ").matcher(row).find()
                    || Pattern.compile("`" + Pattern.quote(grad) + " = ").matcher(row).find(),
                    () -> "row " + (i + 1) + " should show the notebook's line for " + grad + ": " + row);
            String sections = row.substring(row.lastIndexOf(" | ") + 3);
            assertTrue(sections.contains("`"), () -> "row names no section: " + row);
        }
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
