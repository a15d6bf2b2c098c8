package org.backpropninja.matrix;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * NumPy-style broadcasting in two dimensions for the element-wise binary operations: each axis
 * must either match or be 1 on one side, and the result has the larger extent on each axis. One
 * row walker serves every operation: it hands the operation whole rows of the result's width, a
 * broadcast column (width 1) spread over the row first, so each operation is one plain loop over
 * rows of equal length, which C2 vectorizes.
 */
final class Broadcasting {

    private Broadcasting() {
    }

    /** An operation on rows of equal length: {@code o[j] = x[j] (op) y[j]}. */
    @FunctionalInterface
    interface RowOp {
        void apply(double[] x, double[] y, double[] o);
    }

    /** The four arithmetic operations, each written out once as a loop (no call per element). */
    enum Arithmetic implements RowOp {
        ADD, SUB, MUL, DIV;

        @Override
        public void apply(double[] x, double[] y, double[] o) {
            switch (this) {
                case ADD -> {
                    for (int j = 0; j < o.length; j++) {
                        o[j] = x[j] + y[j];
                    }
                }
                case SUB -> {
                    for (int j = 0; j < o.length; j++) {
                        o[j] = x[j] - y[j];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < o.length; j++) {
                        o[j] = x[j] * y[j];
                    }
                }
                default -> {
                    for (int j = 0; j < o.length; j++) {
                        o[j] = x[j] / y[j];
                    }
                }
            }
        }
    }

    /** Any binary function, one call per element ({@link Matrix#zipWith}). */
    static RowOp of(DoubleBinaryOperator f) {
        return (x, y, o) -> {
            for (int j = 0; j < o.length; j++) {
                o[j] = f.applyAsDouble(x[j], y[j]);
            }
        };
    }

    /** {@code a (op) b} broadcast; {@code name} goes into the error for incompatible shapes. */
    static Matrix combine(String name, Matrix a, Matrix b, RowOp op) {
        int r = extent(name, a.rows(), b.rows(), a, b);
        int c = extent(name, a.cols(), b.cols(), a, b);
        double[][] out = RowArrays.zeros(r, c);
        Spread x = new Spread(a, c);
        Spread y = new Spread(b, c);
        for (int i = 0; i < r; i++) {
            op.apply(x.row(i), y.row(i), out[i]);
        }
        return Matrix.wrap(r, c, out);
    }

    /**
     * The rows of one operand as rows of the result's width c: its own row (row 0 when it has one
     * row), or, for a single column, that element repeated c times in a reused buffer.
     */
    private static final class Spread {
        private final double[][] data;
        private final double[] spread;
        private int filledFrom = -1;

        Spread(Matrix m, int c) {
            this.data = m.storage();
            this.spread = m.cols() == c ? null : new double[c];
        }

        double[] row(int i) {
            int src = data.length == 1 ? 0 : i;
            if (spread == null) {
                return data[src];
            }
            if (filledFrom != src) {
                Arrays.fill(spread, data[src][0]);
                filledFrom = src;
            }
            return spread;
        }
    }

    private static int extent(String op, int mine, int theirs, Matrix a, Matrix b) {
        if (mine == theirs || theirs == 1) {
            return mine;
        }
        if (mine == 1) {
            return theirs;
        }
        throw new IllegalArgumentException(op + ": cannot broadcast " + a.shape() + " with " + b.shape());
    }
}
