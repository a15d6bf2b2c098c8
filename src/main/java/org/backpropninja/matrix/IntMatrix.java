package org.backpropninja.matrix;

import java.util.Arrays;

/**
 * An immutable 2-D matrix of non-negative ints: the index tensors of the notebook ({@code Xb} is
 * (n, block), {@code Yb} is (n, 1)). Copies in, copies out.
 */
public final class IntMatrix {

    private final int rows;
    private final int cols;
    private final int[] data; // row-major, never exposed

    private IntMatrix(int rows, int cols, int[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A rows x cols index matrix filled row by row. */
    public static IntMatrix of(int rows, int cols, int... values) {
        if (rows < 1 || cols < 1 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("IntMatrix.of: shape (" + rows + ", " + cols
                    + ") with " + values.length + " values");
        }
        return new IntMatrix(rows, cols, values.clone());
    }

    /** A copy of a rectangular {@code int[][]}. */
    public static IntMatrix from(int[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("IntMatrix.from: empty array");
        }
        int c = values[0].length;
        int[] d = new int[values.length * c];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("IntMatrix.from: ragged array, row 0 has " + c
                        + " columns but row " + i + " has " + values[i].length);
            }
            System.arraycopy(values[i], 0, d, i * c, c);
        }
        return new IntMatrix(values.length, c, d);
    }

    /** An n x 1 column of indices. */
    public static IntMatrix column(int... values) {
        return of(values.length, 1, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Shape shape() {
        return new Shape(rows, cols);
    }

    public int get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("get: (" + r + ", " + c + ") outside " + shape());
        }
        return data[r * cols + c];
    }

    /** A copy of row r. */
    public int[] row(int r) {
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    /** A fresh row-major copy of all elements. */
    public int[] toArray() {
        return data.clone();
    }

    /** The rows at the given positions, {@code this[ix]}: (N, b) by k positions -> (k, b). */
    public IntMatrix selectRows(int[] positions) {
        int[] d = new int[positions.length * cols];
        for (int k = 0; k < positions.length; k++) {
            int p = positions[k];
            if (p < 0 || p >= rows) {
                throw new IllegalArgumentException("selectRows: position " + p + " outside [0, "
                        + rows + ")");
            }
            System.arraycopy(data, p * cols, d, k * cols, cols);
        }
        return new IntMatrix(positions.length, cols, d);
    }

    /** The largest element (for checking indices against a vocabulary size). */
    public int max() {
        int m = data[0];
        for (int v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    public int min() {
        int m = data[0];
        for (int v : data) {
            m = Math.min(m, v);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntMatrix m && m.rows == rows && m.cols == cols
                && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IntMatrix" + shape() + " " + Arrays.toString(
                Arrays.copyOf(data, Math.min(data.length, 24))) + (data.length > 24 ? "..." : "");
    }
}
