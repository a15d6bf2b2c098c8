package org.backpropninja.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;

/**
 * The message of a judged law that a gradient broke (the workbook's judge, docs/workbook.md): the
 * case -- after jqwik's shrinking, the smallest it found -- with its shapes and values, the expected
 * gradient (the reference's) and the one judged side by side, the checker's worst element, and the
 * section of docs/derivations.md to reread.
 */
public final class LawFailure {

    /** Matrices larger than this are shown by their corner only. */
    private static final int SHOW = 8;

    private LawFailure() {
    }

    /**
     * @param gradient the gradient's name, d + the notebook's name
     * @param caseText the case's sizes and indices
     * @param values   the inputs worth showing, by name
     * @param expected the reference's gradient
     * @param yours    the gradient judged
     * @param report   the checker's report on {@code yours}, its first input the gradient judged
     * @param section  the heading in docs/derivations.md
     */
    public static AssertionError of(String gradient, String caseText, Map<String, Matrix> values, Matrix expected,
                                    Matrix yours, Report report, String section) {
        return of(gradient, caseText, values, expected, yours, report.invalidReason(),
                report.invalidReason() == null ? report.inputs().get(0) : null, report.tolerance(), section);
    }

    /** As above, from the checker's report on the one input judged (null when the check could not be made). */
    public static AssertionError of(String gradient, String caseText, Map<String, Matrix> values, Matrix expected,
                                    Matrix yours, String invalidReason, InputReport r, Tolerance tol, String section) {
        List<String> lines = new ArrayList<>();
        lines.add(gradient + " FAILS against finite differences on a generated case");
        lines.add("  case: " + caseText);
        values.forEach((name, m) -> lines.addAll(show("  " + name + " " + m.shape() + " =", m)));
        lines.add("  expected " + gradient + " (the reference) | your " + gradient + ", row by row:");
        for (int i = 0; i < Math.min(SHOW, expected.rows()); i++) {
            lines.add("    " + row(expected, i) + "  |  " + row(yours, i));
        }
        if (expected.rows() > SHOW) {
            lines.add("    ... (" + expected.rows() + " rows)");
        }
        if (invalidReason != null) {
            lines.add("  the check could not be made: " + invalidReason);
        } else {
            lines.add(String.format(Locale.ROOT, "  worst element (%d, %d): yours %.10g, finite differences %.10g;"
                            + " %d of %d elements outside rtol %.0e atol %.0e", r.worstRow(), r.worstCol(),
                    r.worstManual(), r.worstNumeric(), r.failures(), r.elements(), tol.rtol(), tol.atol()));
        }
        lines.add("  reread docs/derivations.md, section \"" + section + "\"");
        return new AssertionError(String.join("\n", lines));
    }

    /** A gradient of the wrong shape, or a line that threw: what was judged and where to reread. */
    public static AssertionError refused(String gradient, String caseText, String what, String section,
                                         Throwable cause) {
        return new AssertionError(gradient + " FAILS on a generated case: " + what + "\n  case: " + caseText
                + "\n  reread docs/derivations.md, section \"" + section + "\"", cause);
    }

    private static List<String> show(String head, Matrix m) {
        List<String> out = new ArrayList<>();
        out.add(head);
        for (int i = 0; i < Math.min(SHOW, m.rows()); i++) {
            out.add("    " + row(m, i));
        }
        if (m.rows() > SHOW) {
            out.add("    ... (" + m.rows() + " rows)");
        }
        return out;
    }

    private static String row(Matrix m, int i) {
        if (i >= m.rows()) {
            return "";
        }
        StringBuilder b = new StringBuilder("[");
        for (int j = 0; j < Math.min(SHOW, m.cols()); j++) {
            b.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", m.get(i, j)));
        }
        return b.append(m.cols() > SHOW ? ", ...]" : "]").toString();
    }
}
