package org.backpropninja.matrix;

import java.util.Arrays;
import java.util.Locale;

/**
 * Building, copying, comparing and printing the row arrays a {@link Matrix} keeps: one
 * {@code double[]} per row. Shape checks are the facade's.
 */
final class RowArrays {

    private RowArrays() {
    }

    /** rows arrays of cols values each, cut in order from a row-major array of rows*cols values. */
    static double[][] split(double[] values, int rows, int cols) {
        double[][] d = new double[rows][];
        for (int i = 0; i < rows; i++) {
            d[i] = Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
        }
        return d;
    }

    /**
     * The same elements in row-major order as newRows rows of newCols, copied from the rows of
     * {@code data} (each cols long) without a flat intermediate.
     */
    static double[][] reshape(double[][] data, int cols, int newRows, int newCols) {
        double[][] d = zeros(newRows, newCols);
        int src = 0;
        int at = 0;
        for (double[] row : d) {
            int filled = 0;
            while (filled < newCols) {
                int n = Math.min(newCols - filled, cols - at);
                System.arraycopy(data[src], at, row, filled, n);
                filled += n;
                at += n;
                if (at == cols) {
                    src++;
                    at = 0;
                }
            }
        }
        return d;
    }

    /** A row-major copy of all elements. */
    static double[] flatten(double[][] data, int cols) {
        double[] out = new double[data.length * cols];
        for (int i = 0; i < data.length; i++) {
            System.arraycopy(data[i], 0, out, i * cols, cols);
        }
        return out;
    }

    /** A deep copy; rows of unequal length are refused (the message names the first that differs). */
    static double[][] copyRectangular(double[][] values) {
        int c = values[0].length;
        double[][] d = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("from: ragged array, row 0 has " + c
                        + " columns but row " + i + " has " + values[i].length);
            }
            d[i] = values[i].clone();
        }
        return d;
    }

    /**
     * rows x cols zeros, each row allocated on its own: {@code new double[rows][cols]} compiles to a
     * runtime call that allocates the rows one by one outside the compiled code, where a loop of
     * one-dimensional allocations stays inline and measured faster on the step's shapes
     * (docs/speed.md, section "Tried and left out").
     */
    static double[][] zeros(int rows, int cols) {
        return rows(rows, cols, true);
    }

    /**
     * rows x cols that the caller writes in full before anyone reads them: fresh, or inside a
     * {@link RowReuse} scope reused as they are.
     */
    static double[][] toFill(int rows, int cols) {
        return rows(rows, cols, false);
    }

    private static double[][] rows(int rows, int cols, boolean zeroed) {
        double[][] d = new double[rows][];
        rows(d, 0, rows, cols, zeroed);
        return d;
    }

    /**
     * Rows of {@code cols} elements for rows [from, to) of {@code out} that the caller writes in
     * full before anyone reads them: fresh, or inside a {@link RowReuse} scope reused as they are.
     */
    static void allocateToFill(double[][] out, int from, int to, int cols) {
        rows(out, from, to, cols, false);
    }

    /** Rows [from, to) of {@code out}: fresh, or inside a {@link RowReuse} scope reused (and cleared when {@code zeroed}). */
    private static void rows(double[][] out, int from, int to, int cols, boolean zeroed) {
        RowReuse.Pool pool = RowReuse.current();
        for (int i = from; i < to; i++) {
            out[i] = pool == null ? new double[cols] : pool.take(cols, zeroed);
        }
    }

    /** rows x cols fresh zeros, never from a {@link RowReuse} pool: for rows a kernel keeps. */
    static double[][] freshZeros(int rows, int cols) {
        double[][] d = new double[rows][];
        for (int i = 0; i < rows; i++) {
            d[i] = new double[cols];
        }
        return d;
    }

    /** rows x cols, every element {@code value}. */
    static double[][] filled(int rows, int cols, double value) {
        double[][] d = RowArrays.zeros(rows, cols);
        for (double[] r : d) {
            Arrays.fill(r, value);
        }
        return d;
    }

    /** rows x cols, element (i, j) from {@code f}, row by row. */
    static double[][] generate(int rows, int cols, Matrix.IndexFunction f) {
        double[][] d = RowArrays.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i][j] = f.at(i, j);
            }
        }
        return d;
    }

    /**
     * The same rows with (r, c) replaced: row r is copied, the others are shared, which is safe
     * because no Matrix ever writes its rows.
     */
    static double[][] with(double[][] data, int r, int c, double value) {
        double[][] d = data.clone();
        d[r] = data[r].clone();
        d[r][c] = value;
        return d;
    }

    /** Equal element by element, bit for bit ({@link Arrays#equals(double[], double[])}). */
    static boolean equal(double[][] a, double[][] b) {
        for (int i = 0; i < a.length; i++) {
            if (!Arrays.equals(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #equal}, seeded with the shape. */
    static int hash(int rows, int cols, double[][] data) {
        int h = 31 * rows + cols;
        for (double[] r : data) {
            h = 31 * h + Arrays.hashCode(r);
        }
        return h;
    }

    /** The values, at most 8 rows and 8 columns shown, each with 6 significant digits. */
    static String format(double[][] data) {
        StringBuilder sb = new StringBuilder("[");
        int showRows = Math.min(data.length, 8);
        for (int i = 0; i < showRows; i++) {
            sb.append(i == 0 ? "[" : ", [");
            int showCols = Math.min(data[i].length, 8);
            for (int j = 0; j < showCols; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(String.format(Locale.ROOT, "%.6g", data[i][j]));
            }
            sb.append(data[i].length > showCols ? ", ...]" : "]");
        }
        return sb.append(data.length > showRows ? ", ...]" : "]").toString();
    }
}
