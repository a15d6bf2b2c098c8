package org.backpropninja.matrix;

import java.util.function.DoubleUnaryOperator;

/**
 * The unary element-wise kernels behind {@link Matrix#map}, {@link Matrix#scale},
 * {@link Matrix#plus}, {@link Matrix#pow}, {@link Matrix#exp} and {@link Matrix#tanh}. The ones the training step uses
 * are written out as their own loops (no call per element) so that C2 vectorizes them.
 */
final class ElementWise {

    private ElementWise() {
    }

    /** f applied to every element. */
    static double[][] map(double[][] a, DoubleUnaryOperator f) {
        double[][] out = RowArrays.zeros(a.length, a[0].length);
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = f.applyAsDouble(x[j]);
            }
        }
        return out;
    }

    /** Every element times s. */
    static double[][] scale(double[][] a, double s) {
        double[][] out = RowArrays.zeros(a.length, a[0].length);
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] * s;
            }
        }
        return out;
    }

    /** Every element plus s. */
    static double[][] plus(double[][] a, double s) {
        double[][] out = RowArrays.zeros(a.length, a[0].length);
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] + s;
            }
        }
        return out;
    }

    /**
     * x^p for every element: x * x, 1 / x and 1 / sqrt(x) for p = 2, -1 and -0.5 (exact forms of
     * those powers), Math.pow otherwise.
     */
    static double[][] pow(double[][] a, double p) {
        if (p == 2.0) {
            double[][] out = RowArrays.zeros(a.length, a[0].length);
            for (int i = 0; i < a.length; i++) {
                double[] x = a[i];
                double[] o = out[i];
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] * x[j];
                }
            }
            return out;
        }
        if (p == -1.0) {
            return map(a, x -> 1.0 / x);
        }
        if (p == -0.5) {                  // batchnorm's (bnvar + eps)^-0.5: a loop C2 vectorizes
            double[][] out = RowArrays.zeros(a.length, a[0].length);
            for (int i = 0; i < a.length; i++) {
                double[] x = a[i];
                double[] o = out[i];
                for (int j = 0; j < o.length; j++) {
                    o[j] = 1.0 / Math.sqrt(x[j]);
                }
            }
            return out;
        }
        return map(a, x -> Math.pow(x, p));
    }

    /** Math.exp of every element. */
    static double[][] exp(double[][] a) {
        double[][] out = RowArrays.zeros(a.length, a[0].length);
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = Math.exp(x[j]);
            }
        }
        return out;
    }

    /** {@link FastTanh} of every element, row by row (its vectorized row form), rows split between two threads when large. */
    static double[][] tanh(RowSplit split, double[][] a) {
        int rows = a.length;
        int cols = a[0].length;
        double[][] out = new double[rows][];
        split.run(rows, 8L * rows * cols, (from, to) -> {
            double[][] tq = Scratch.rows(Scratch.Use.PASS, 2, cols);         // this thread's
            RowArrays.allocateToFill(out, from, to, cols);  // by the thread that writes them
            for (int i = from; i < to; i++) {
                FastTanh.tanhRow(a[i], out[i], tq[0], tq[1]);
            }
        });
        return out;
    }
}
