package org.backpropninja.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The judge's whole judgement and its printed form: per exercise the batch table, then the
 * generated cases; the columns' units once, under the first table; the summary line last.
 */
public record Verdict(List<Judge.Line> lines, List<Judge.Outcome> outcomes, Map<Integer, Boolean> lawsRan) {

    /** Rows of the batch table with this status. */
    public long count(Judge.Status s) {
        return lines.stream().filter(l -> l.status() == s).count();
    }

    /** The gradients that failed, on the batch or over generated cases. */
    public Set<String> failed() {
        Set<String> failed = new HashSet<>();
        lines.stream().filter(l -> l.status() == Judge.Status.FAIL).forEach(l -> failed.add(l.key()));
        outcomes.stream().filter(o -> !o.passed()).forEach(o -> failed.add(o.gradient()));
        return failed;
    }

    /** Whether every written gradient passed on the batch and over the generated cases. */
    public boolean passed() {
        return failed().isEmpty();
    }

    /** The last line: how many gradients passed, failed, are not yet written. */
    public String summary() {
        long notYet = count(Judge.Status.NOT_YET);
        int failed = failed().size();
        return String.format(Locale.ROOT, "summary: %d passed, %d failed, %d not yet%s", lines.size() - notYet - failed,
                failed, notYet, failed > 0 ? " -- see the FAIL lines above" : "");
    }

    public String render() {
        List<String> out = new ArrayList<>();
        String[] titles = {"", "Exercise 1: the staged chain's lines (each given the reference's gradients of the"
                + " lines above it, then random ones)", "Exercise 2: dlogits of the fused cross-entropy",
                "Exercise 3: dhprebn of the fused batchnorm"};
        boolean legend = false;
        for (int ex = 1; ex <= 3; ex++) {
            final int e = ex;
            List<Judge.Line> mine = lines.stream().filter(l -> l.exercise() == e).toList();
            if (mine.isEmpty()) {
                continue;
            }
            out.add("");
            out.add(titles[ex]);
            out.add("  on the notebook's first minibatch (n 32, hidden 64, vocab 27):");
            out.add("  " + JudgeTable.header());
            mine.forEach(l -> out.add("  " + l.text()));
            if (!legend) {
                JudgeTable.LEGEND.forEach(s -> out.add("    " + s));
                legend = true;
            }
            if (!lawsRan.getOrDefault(e, false) && outcomes.stream().noneMatch(o -> o.exercise() == e)) {
                out.add("  over generated cases: nothing written yet");
                continue;
            }
            out.add("  over generated cases (the laws the reference passes):");
            for (Judge.Outcome o : outcomes.stream().filter(o -> o.exercise() == e).toList()) {
                if (o.passed()) {
                    out.add("    " + o.gradient() + ": pass");
                    continue;
                }
                out.add("    " + o.gradient() + ": FAIL" + (o.passedOnBatch()
                        ? " -- it passes on the notebook's batch but FAILS on the generated case below: right"
                        + " for that one batch, wrong in general"
                        : " -- the smallest failing case jqwik found:"));
                for (String s : o.message().split("\n")) {
                    out.add("      " + s);
                }
            }
        }
        out.add("");
        out.add(summary());
        return String.join("\n", out);
    }
}
