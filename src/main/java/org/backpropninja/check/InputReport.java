package org.backpropninja.check;

import java.util.Locale;
import org.backpropninja.matrix.Shape;

/**
 * What the checker found for one input: the largest absolute difference and relative error between
 * the manual and numeric gradients over the elements it could judge (the relative error over
 * elements whose gradient exceeds atol; below it only the absolute difference means anything), the
 * worst element (the one furthest past, or closest to, the tolerance) with both values, how many
 * elements failed (a real mismatch), and how many were inconclusive (finite differences could not
 * decide: the step left the domain, a kink, no settled estimate), with the first such element and
 * the reason.
 */
public record InputReport(String name, Shape shape, double maxAbsDiff, double maxRelError,
                          int worstRow, int worstCol, double worstManual, double worstNumeric,
                          int failures, int elements, int inconclusive, int inconclusiveRow,
                          int inconclusiveCol, String inconclusiveReason) {

    /** A report in which every element could be judged. */
    public InputReport(String name, Shape shape, double maxAbsDiff, double maxRelError, int worstRow, int worstCol,
                       double worstManual, double worstNumeric, int failures, int elements) {
        this(name, shape, maxAbsDiff, maxRelError, worstRow, worstCol, worstManual, worstNumeric, failures,
                elements, 0, 0, 0, null);
    }

    /** Every element passed. */
    public boolean passed() {
        return failures == 0 && inconclusive == 0;
    }

    /** At least one element is a real mismatch. */
    public boolean failed() {
        return failures > 0;
    }

    /** "pass", "FAIL" (some element is a real mismatch) or "inconclusive" (none is, but some could not be judged). */
    public String status() {
        return failed() ? "FAIL" : inconclusive > 0 ? "inconclusive" : "pass";
    }

    public String describe() {
        String s = String.format(Locale.ROOT,
                "%s %s: %s, max |manual - numeric| %.3e, max rel err %.3e, worst element (%d, %d):"
                        + " manual %.17g numeric %.17g, %d of %d elements failed",
                name, shape, status(), maxAbsDiff, maxRelError, worstRow, worstCol,
                worstManual, worstNumeric, failures, elements);
        return inconclusive == 0 ? s : s + String.format(Locale.ROOT, ", %d inconclusive, first (%d, %d): %s",
                inconclusive, inconclusiveRow, inconclusiveCol, inconclusiveReason);
    }
}
