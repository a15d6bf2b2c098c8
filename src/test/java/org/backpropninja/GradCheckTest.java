package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Output;
import org.backpropninja.notebook.Tensor;
import org.backpropninja.testing.LiveLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GradCheck's command line, run in-process with captured output. */
class GradCheckTest {

    /** Exit status, stdout and stderr of one run. */
    record Run(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Run gradCheck(String... args) {
        return run(true, args);
    }

    /** The setup lines only: the gradient table takes seconds and is tested on the default run. */
    static Run setupOnly(String... args) {
        return run(false, args);
    }

    private static Run defaultRun;

    /** The full default run, made once and shared by the tests that read it. */
    static synchronized Run defaultRun() {
        if (defaultRun == null) {
            defaultRun = gradCheck();
        }
        return defaultRun;
    }

    private static Run run(boolean table, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Output o = Output.of(out, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Cli.run(new GradCheck(o, table, false), args, o, e);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * On a terminal the check, minutes with a large --batch or --hidden, draws a progress line of
     * gradient elements judged, up to all of them; what stays on the screen is the plain output.
     */
    @Test
    void aLiveCheckShowsProgressOverTheElementsJudged() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Output o = Output.of(out, StandardCharsets.UTF_8);
        String[] args = {"--batch", "4", "--hidden", "8"};
        assertEquals(0, Cli.run(new GradCheck(o, true), args, o, System.err));
        String live = out.toString(StandardCharsets.UTF_8);
        assertTrue(LiveLines.reachedItsEnd(live, "gradient check: element"),
                "the line reaches its end: " + LiveLines.lastCount(live, "gradient check: element"));
        String kept = LiveLines.kept(live);
        assertEquals(run(true, args).out(), kept);
    }

    /** A usage error: status 2, nothing on stdout, one line on stderr naming the program, no stack trace. */
    static void assertUsageError(Run r, String mention) {
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("GradCheck: "), r.err());
        assertTrue(r.err().contains(mention), r.err() + " should mention " + mention);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void defaultsPrintTheNotebooksFourFigures() {
        Run r = defaultRun();
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("vocab_size: 27", "splits: 182625 22655 22866", "params: 4137",
                "initial loss: 3.348198"), r.outLines().subList(0, 4));
        assertEquals("", r.err());
    }

    @Test
    void defaultsThenPrintTheTwentySixRowsOfTheGradientTableAllPassing() {
        Run r = defaultRun();
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.outLines();
        assertTrue(lines.get(4).startsWith("tensor"), lines.get(4));
        int k = Tensor.values().length;                     // the notebook's 26 tensors, in its order
        List<String> rows = lines.subList(5, 5 + k);
        for (Tensor t : Tensor.values()) {
            String row = rows.get(t.ordinal());
            assertEquals(t.notebookName(), row.split(" ")[0], row);
            assertTrue(row.endsWith("| pass"), row);
        }
        String emb = rows.get(Tensor.EMB.ordinal());
        assertTrue(rows.get(0).contains("(32, 27)") && emb.contains("(96, 10)"), emb);
        assertTrue(lines.get(5 + k).startsWith("probs is compared in relative coordinates"), lines.get(5 + k));
        assertEquals("all " + k + " gradients match finite differences", lines.get(6 + k));
        assertEquals("fused against staged (Exercises 2-3):", lines.get(7 + k));
        List<String> fused = lines.subList(8 + k, 11 + k);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("loss", "logits", "hprebn").get(i), fused.get(i).split(" ")[0], fused.get(i));
            assertTrue(fused.get(i).endsWith("| pass"), fused.get(i));
        }
        assertEquals(11 + k, lines.size());
    }

    @Test
    void optionsChangeTheSetupWithTheSameRecipe() {
        Run r = setupOnly("--embd", "5", "--hidden", "100", "--block", "4", "--batch", "16", "--seed", "1");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.outLines();
        assertEquals("vocab_size: 27", lines.get(0));
        // the split is over names and a name gives one example per character whatever the block size
        assertEquals("splits: 182625 22655 22866", lines.get(1));
        assertEquals("params: " + (27 * 5 + 20 * 100 + 100 + 100 * 27 + 27 + 2 * 100), lines.get(2));
        assertTrue(lines.get(3).matches("initial loss: \\d+\\.\\d{6}"), lines.get(3));
        assertFalse(lines.get(3).equals("initial loss: 3.348198"));
    }

    @Test
    void theLossPrintsWithADecimalPointInAnyLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertTrue(setupOnly().outLines().contains("initial loss: 3.348198"));
            // the gradient table's numbers too (on a small net, to keep the test quick): no decimal commas
            Run small = gradCheck("--embd", "2", "--hidden", "5", "--batch", "4");
            assertEquals(0, small.status(), small.err());
            assertTrue(small.outLines().stream().noneMatch(l -> l.matches(".*\\d,\\d.*")), small.out());
            assertTrue(small.out().contains("e-"), small.out());
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void aSeedDiffersOnlyInItsLow32BitsFromTorchsView() {
        assertEquals(setupOnly().out(), setupOnly("--seed", Long.toString(2147483647L + (5L << 32))).out());
    }

    @Test
    void aMissingDataFileStopsWithOneSentence() {
        assertUsageError(gradCheck("--data", "/no/such/dir/names.txt"), "no such file");
    }

    @Test
    void anEmptyDataFileStopsWithOneSentence(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertUsageError(gradCheck("--data", empty.toString()), "no names");
    }

    @Test
    void aBinaryDataFileStopsWithOneSentence(@TempDir Path dir) throws IOException {
        Path bin = Files.write(dir.resolve("x.bin"), new byte[] {1, 0, 2, (byte) 0xff});
        assertUsageError(gradCheck("--data", bin.toString()), "binary");
    }

    @Test
    void tooFewNamesForTheSplitStopWithOneSentence(@TempDir Path dir) throws IOException {
        Path few = Files.writeString(dir.resolve("few.txt"), "emma\nava\nzoe\n");
        assertUsageError(gradCheck("--data", few.toString()), "at least 10 names");
    }

    @Test
    void aBatchBelowTwoStopsWithOneSentence() {
        assertUsageError(gradCheck("--batch", "1"), "at least 2");
        assertUsageError(gradCheck("--batch", "0"), "at least 2");
    }

    @Test
    void badNumbersStopWithOneSentence() {
        assertUsageError(gradCheck("--seed", "-1"), "--seed");
        assertUsageError(gradCheck("--hidden", "0"), "--hidden");
        assertUsageError(gradCheck("--embd", "ten"), "--embd");
        assertUsageError(gradCheck("--block", "0"), "--block");
        assertUsageError(gradCheck("--frobnicate", "1"), "unknown option");
    }

    @Test
    void helpListsTheOptionsAndTheExitStatuses() {
        Run r = gradCheck("--help");
        assertEquals(0, r.status());
        for (String o : List.of("--seed", "--embd", "--hidden", "--batch", "--block", "--data", "inconclusive",
                "exit status: 0 every row passes; 1 some row FAILs", "3 no row fails but some row is inconclusive")) {
            assertTrue(r.out().contains(o), o);
        }
    }

    /**
     * A file of one name repeated: two contexts in every minibatch, so batch-norm columns have a tiny
     * spread and variances far below the first step (1e-3). Before the checker shrank its step this
     * printed "9 of 26 gradients FAIL" with NaN in the bnvar and bndiff2 rows and exited 1.
     */
    @Test
    void aFileOfOneRepeatedNameNeverReportsTheRightBackwardAsFailing(@TempDir Path dir) throws IOException {
        Path same = Files.writeString(dir.resolve("a.txt"), "a\n".repeat(100));
        Run r = gradCheck("--data", same.toString());
        assertTrue(r.status() == 0 || r.status() == 3, r.status() + "\n" + r.out() + r.err());
        assertFalse(r.out().contains("FAIL") || r.out().contains("NaN"), r.out());
        assertEquals("vocab_size: 2", r.outLines().get(0));
    }
}
