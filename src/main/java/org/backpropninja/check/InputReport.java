package org.backpropninja.check;

import java.util.Locale;
import org.backpropninja.matrix.Shape;

/**
 * What the checker found for one input: the largest absolute difference and relative error between
 * the manual and numeric gradients (the relative error over elements whose gradient exceeds atol;
 * below it only the absolute difference means anything), the worst element (the one furthest past, or closest to, the
 * tolerance) with both values, and how many elements failed.
 */
public record InputReport(String name, Shape shape, double maxAbsDiff, double maxRelError,
                          int worstRow, int worstCol, double worstManual, double worstNumeric,
                          int failures, int elements) {

    public boolean passed() {
        return failures == 0;
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "%s %s: %s, max |manual - numeric| %.3e, max rel err %.3e, worst element (%d, %d):"
                        + " manual %.17g numeric %.17g, %d of %d elements failed",
                name, shape, passed() ? "pass" : "FAIL", maxAbsDiff, maxRelError, worstRow, worstCol,
                worstManual, worstNumeric, failures, elements);
    }
}
