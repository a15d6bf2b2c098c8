package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facts the committed workbook and its guide state about each tensor are the table's
 * ({@link Tensor}): the comment above each Exercise 1 method in src/workbook, and the map from
 * gradient to section in docs/workbook.md.
 */
class WorkbookFactsTest {

    static final Path WORKBOOK = Path.of("src/workbook/java/org/backpropninja/workbook/Workbook.java");
    static final Path GUIDE = Path.of("docs/workbook.md");

    /**
     * The comment and signature above a tensor's method in the workbook: the forward line that makes
     * it, the lines that use it (and whether a use broadcasts it), whether it is used twice, and its
     * gradient's shape.
     */
    static String block(Tensor t) {
        StringBuilder b = new StringBuilder();
        b.append("    // ").append(t.isParameter() ? t.notebookName() + ": a parameter" : t.forwardLine()).append('\n');
        List<String> lines = t.usingLines();
        for (int i = 0; i < lines.size(); i++) {
            String note = t.users().isEmpty() ? "" : broadcast(t, t.users().get(i));
            b.append(i == 0 ? "    //   used by: " : "    //       and: ").append(lines.get(i)).append(note)
                    .append('\n');
        }
        if (t.usedTwice()) {
            b.append("    //   used twice: ").append(t.gradientName()).append(" is the sum of both contributions\n");
        }
        b.append("    //   ").append(t.gradientName()).append(": ").append(t.shapeRule()).append(", the shape of ")
                .append(t.notebookName()).append('\n');
        b.append("    @Override\n    public Matrix ").append(t.gradientName()).append("(ForwardValues v, Upstream d) {\n");
        return b.toString();
    }

    /** How a use broadcasts the tensor: a (1, k) row over the rows of an (n, k) result, an (n, 1) column over its columns. */
    static String broadcast(Tensor t, Tensor user) {
        String[] mine = dims(t.shapeRule());
        String[] theirs = dims(user.shapeRule());
        if (mine[0].equals("1") && !theirs[0].equals("1") && mine[1].equals(theirs[1])) {
            return " (broadcast over the rows)";
        }
        if (mine[1].equals("1") && !theirs[1].equals("1") && mine[0].equals(theirs[0])) {
            return " (broadcast over the columns)";
        }
        return "";
    }

    private static String[] dims(String rule) {
        return rule.substring(1, rule.length() - 1).split(", ");
    }

    @Test
    void theCommentAboveEachWorkbookLineStatesTheTablesFactsInTheTablesOrder() throws IOException {
        String text = Files.readString(WORKBOOK, StandardCharsets.UTF_8);
        int last = -1;
        for (Tensor t : Tensor.values()) {
            String expected = block(t);
            int at = text.indexOf(expected);
            assertTrue(at >= 0, () -> WORKBOOK + " should have, above " + t.gradientName() + ":\n" + expected);
            assertTrue(at > last, t.gradientName() + " is out of the table's order in " + WORKBOOK);
            last = at;
        }
    }

    /** Each Exercise 1 gradient is in exactly one row of the guide's map, whose section abbreviates the table's. */
    @Test
    void theGuidesMapFromGradientToSectionIsTheTables() throws IOException {
        List<String> rows = Files.readAllLines(GUIDE, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("| d")).toList();
        List<String> seen = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split(" \\| ");
            String section = cells[1].replaceAll(" \\|$", "").replaceAll(" \\(.*\\)$", "").replaceAll(", \\.\\.\\.$", "");
            for (String gradient : cells[0].substring(2).split(", ")) {
                Tensor t = Tensor.named(gradient.substring(1));
                assertTrue(t.section().heading().startsWith(section),
                        () -> gradient + ": the guide says " + section + ", the table " + t.section().heading());
                seen.add(t.notebookName());
            }
        }
        assertEquals(Tensor.values().length, seen.size(), "rows of the guide's map: " + seen);
        assertEquals(Tensor.values().length, seen.stream().distinct().count(), "a gradient twice in the map: " + seen);
    }
}
