package org.backpropninja.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/** How a case and a gradient are printed in a verdict: row by row, the corner of a large matrix only. */
final class CaseText {

    /** Matrices larger than this are shown by their corner only. */
    static final int SHOW = 8;

    private CaseText() {
    }

    /**
     * The matrix in the shortest decimal form that reads back to the same double
     * ({@link Double#toString}), so a shrunk case can be typed back in exactly.
     */
    static List<String> exact(String indent, Matrix m) {
        return rows(indent, m.rows(), m.cols(), (i, j) -> Double.toString(m.get(i, j)));
    }

    static List<String> exact(String indent, IntMatrix m) {
        return rows(indent, m.rows(), m.cols(), (i, j) -> Integer.toString(m.get(i, j)));
    }

    /** Two matrices of one shape side by side, ten significant digits: expected | yours. */
    static List<String> sideBySide(String indent, Matrix expected, Matrix yours) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOW, expected.rows()); i++) {
            out.add(indent + row(expected, i, v -> v) + "  |  " + row(yours, i, v -> v));
        }
        if (expected.rows() > SHOW) {
            out.add(indent + "... (" + expected.rows() + " rows)");
        }
        return out;
    }

    private static String row(Matrix m, int i, DoubleUnaryOperator f) {
        StringBuilder b = new StringBuilder("[");
        for (int j = 0; j < Math.min(SHOW, m.cols()); j++) {
            b.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.10g", f.applyAsDouble(m.get(i, j))));
        }
        return b.append(m.cols() > SHOW ? ", ...]" : "]").toString();
    }

    @FunctionalInterface
    private interface Cell {
        String at(int i, int j);
    }

    private static List<String> rows(String indent, int rows, int cols, Cell cell) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOW, rows); i++) {
            StringBuilder b = new StringBuilder(indent).append('[');
            for (int j = 0; j < Math.min(SHOW, cols); j++) {
                b.append(j == 0 ? "" : ", ").append(cell.at(i, j));
            }
            out.add(b.append(cols > SHOW ? ", ...]" : "]").toString());
        }
        if (rows > SHOW) {
            out.add(indent + "... (" + rows + " rows)");
        }
        return out;
    }
}
