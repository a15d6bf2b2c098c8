package org.backpropninja.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Report;
import org.backpropninja.matrix.Matrix;

/**
 * The judge's verdict on one case, one of four {@link Outcome}s, with the checker's report per input.
 *
 * @param theCase       the case judged
 * @param report        the checker's report (null when the backward could not be run)
 * @param manual        the backward's gradients, in the spec's input order (empty when it could not be run)
 * @param invalidReason why the check could not be made, or null
 */
public record Verdict(LayerCase theCase, Report report, List<Matrix> manual, String invalidReason) {

    /**
     * PASS: every element within the tolerance. FAIL: some element a real mismatch (the finite
     * difference settled, and your value misses it by more than the tolerance and the estimate's own
     * uncertainty). INCONCLUSIVE: no mismatch, but finite differences could not judge some element
     * (the step left the domain, a kink, an estimate that never settled). INVALID: the check could not
     * be made (a non-finite input, loss or forward value; a backward that threw, or returned a
     * gradient missing or of the wrong shape).
     */
    public enum Outcome { PASS, FAIL, INCONCLUSIVE, INVALID }

    public Verdict {
        manual = manual == null ? List.of() : List.copyOf(manual);
    }

    static Verdict invalid(LayerCase c, String reason) {
        return new Verdict(c, null, List.of(), reason);
    }

    public Outcome outcome() {
        if (reason() != null) {
            return Outcome.INVALID;
        }
        return report.passed() ? Outcome.PASS : report.failed() ? Outcome.FAIL : Outcome.INCONCLUSIVE;
    }

    public boolean passed() {
        return outcome() == Outcome.PASS;
    }

    /** A real mismatch: what a rejection of a wrong backward demands. */
    public boolean failed() {
        return outcome() == Outcome.FAIL;
    }

    /** Why the check could not be made, or null. */
    public String reason() {
        return invalidReason != null ? invalidReason : report != null ? report.invalidReason() : null;
    }

    /**
     * The verdict for a reader: the outcome, the case, then each input's line -- for a failing input
     * the worst element (yours against finite differences) and the whole gradient side by side, for
     * an inconclusive one the first undecided element and the reason.
     */
    public String describe() {
        List<String> lines = new ArrayList<>();
        String name = theCase.spec().name();
        switch (outcome()) {
            case PASS -> lines.add(name + ": pass");
            case FAIL -> lines.add(name + ": FAIL -- the backward misses the finite-difference gradient");
            case INCONCLUSIVE -> lines.add(name + ": inconclusive -- no mismatch, but finite differences could not"
                    + " judge every element; draw the inputs from a domain where the layer is smooth");
            default -> lines.add(name + ": the check could not be made: " + reason());
        }
        lines.add(theCase.toString());
        if (report == null || report.invalidReason() != null) {
            return String.join("\n", lines);
        }
        lines.add(String.format(Locale.ROOT,
                "  tolerance: |yours - finite differences| <= %s + %s * max(|yours|, |fd|)",
                report.tolerance().atol(), report.tolerance().rtol()));
        for (int k = 0; k < report.inputs().size(); k++) {
            InputReport r = report.inputs().get(k);
            String d = "d" + r.name();
            if (r.failed()) {
                lines.add(String.format(Locale.ROOT, "  %s %s: FAIL, %d of %d elements outside the tolerance; worst"
                                + " element (%d, %d): yours %.17g, finite differences %.17g", d, r.shape(),
                        r.failures(), r.elements(), r.worstRow(), r.worstCol(), r.worstManual(), r.worstNumeric()));
                lines.add("    finite differences (expected) | yours, row by row:");
                lines.addAll(CaseText.sideBySide("      ", numeric(k), manual.get(k)));
            } else if (r.inconclusive() > 0) {
                lines.add(String.format(Locale.ROOT, "  %s %s: inconclusive at %d of %d elements, first (%d, %d): %s",
                        d, r.shape(), r.inconclusive(), r.elements(), r.inconclusiveRow(), r.inconclusiveCol(),
                        r.inconclusiveReason()));
            } else {
                lines.add(String.format(Locale.ROOT, "  %s %s: pass, max |yours - finite differences| %.3e",
                        d, r.shape(), r.maxAbsDiff()));
            }
        }
        return String.join("\n", lines);
    }

    /** The five-point finite-difference gradient of input k at the checker's first step, element by element. */
    private Matrix numeric(int k) {
        List<Matrix> at = new ArrayList<>(theCase.inputs().values());
        Matrix x = at.get(k);
        return Matrix.generate(x.rows(), x.cols(),
                (i, j) -> GradientChecker.derivative(theCase::loss, at, k, i, j));
    }
}
