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
 * ({@link Tensor}): the comment above each Exercise 1 method in src/workbook, and the Part 1 map of
 * docs/derivations.md; and no answer line is shown unfolded in the guides.
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


    /** The answer lines: the notebook's line in the comment above each of the reference's gradients. */
    static List<String> answers() throws IOException {
        List<String> answers = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("src/main/java/org/backpropninja/notebook/ReferenceExercises.java"),
                StandardCharsets.UTF_8)) {
            int at = l.indexOf("@Override // ");
            if (at >= 0) {
                String answer = l.substring(at + "@Override // ".length()).replaceFirst("^\\w+ is used twice: ", "")
                        .replaceFirst(" for every k, j$", "");
                answers.add(answer.split("; ")[answer.startsWith("dlogprobs") ? 1 : 0]);
            }
        }
        return answers;
    }

    /** The text of a markdown file outside its folded blocks, without spaces or backticks. */
    static String unfolded(Path doc) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8).replaceAll("(?s)<details>.*?</details>", "");
        return text.replaceAll("[\\s`]", "");
    }

    /**
     * A learner reading the guide, or any section of the derivations, meets no answer line unless they
     * open a folded block: every answer line of the reference, spaces aside, appears only inside one.
     */
    @Test
    void noAnswerLineIsShownUnfolded() throws IOException {
        List<String> answers = answers();
        assertEquals(Tensor.values().length + 1, answers.size(), "answer lines found: " + answers);
        for (Path doc : List.of(GUIDE, Path.of("docs/derivations.md"))) {
            String text = unfolded(doc);
            for (String answer : answers) {
                String bare = answer.replaceAll("\\s", "");
                assertTrue(!text.contains(bare), () -> doc + " shows an answer outside a folded block: " + answer);
            }
        }
        assertTrue(Files.readString(Path.of("docs/derivations.md"), StandardCharsets.UTF_8)
                .contains("dprobs = (1.0 / probs) * dlogprobs"), "the answers are folded, not gone");
    }

    /** The Part 1 map of docs/derivations.md lists, per gradient in the table's order, its forward line and section. */
    @Test
    void thePartOneMapListsEachTensorsForwardLineAndSection() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("docs/derivations.md"), StandardCharsets.UTF_8).stream()
                .dropWhile(l -> !l.startsWith("### Map: ")).takeWhile(l -> !l.startsWith("### Values"))
                .filter(l -> l.matches("\\| \\d+ \\| `d.*")).toList();
        assertEquals(Tensor.values().length, rows.size(), "rows of the map");
        for (Tensor t : Tensor.values()) {
            String row = rows.get(t.ordinal());
            assertTrue(row.startsWith("| " + (t.ordinal() + 1) + " | `d" + t.notebookName() + "` | "), row);
            assertTrue(t.isParameter() ? row.contains("| a parameter |") : row.contains("`" + t.forwardLine() + "`"), row);
            for (String use : t.usingLines()) {
                assertTrue(row.contains("`" + use + "`"), row);
            }
            String section = t.section().heading().replaceAll("^(`[A-Za-z]+`).*", "$1");
            assertTrue(row.endsWith("| " + section + " |"), row);
        }
    }
}
