package org.backpropninja.matrix;

/**
 * The reductions behind {@link Matrix#sum}, {@link Matrix#max} and the comparisons: sums and maxima
 * along an axis, in the order of the rows (sums) and first index on ties (maxima).
 */
final class Reductions {

    private Reductions() {
    }

    /** Sum of all elements, row by row. */
    static double sum(double[][] a) {
        double s = 0.0;
        for (double[] r : a) {
            for (double v : r) {
                s += v;
            }
        }
        return s;
    }

    /** Column sums: (r, c) -> c values. */
    static double[] columnSums(double[][] a) {
        double[] out = new double[a[0].length];
        for (double[] r : a) {
            for (int j = 0; j < out.length; j++) {
                out[j] += r[j];
            }
        }
        return out;
    }

    /** Row sums: (r, c) -> (r, 1). */
    static double[][] rowSums(double[][] a) {
        double[][] out = RowArrays.zeros(a.length, 1);
        for (int i = 0; i < a.length; i++) {
            double s = 0.0;
            for (double v : a[i]) {
                s += v;
            }
            out[i][0] = s;
        }
        return out;
    }

    /** Row maxima into {@code out} (r, 1), returning their column indices. */
    static int[] rowMax(double[][] a, double[][] out) {
        int[] idx = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            double[] r = a[i];
            int best = 0;
            for (int j = 1; j < r.length; j++) {
                if (r[j] > r[best]) {
                    best = j;
                }
            }
            idx[i] = best;
            out[i][0] = r[best];
        }
        return idx;
    }

    /** Column maxima into {@code out} (c values), returning their row indices. */
    static int[] columnMax(double[][] a, double[] out) {
        System.arraycopy(a[0], 0, out, 0, out.length);
        int[] idx = new int[out.length];
        for (int i = 1; i < a.length; i++) {
            double[] r = a[i];
            for (int j = 0; j < out.length; j++) {
                if (r[j] > out[j]) {
                    out[j] = r[j];
                    idx[j] = i;
                }
            }
        }
        return idx;
    }

    /** Largest |a - b| (NaN when any difference is NaN), shapes equal. */
    static double maxAbsDiff(double[][] a, double[][] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = Math.abs(a[i][j] - b[i][j]);
                if (d > m || Double.isNaN(d)) {
                    m = d;
                }
            }
        }
        return m;
    }

    /** Largest |element|. */
    static double maxAbs(double[][] a) {
        double m = 0.0;
        for (double[] r : a) {
            for (double v : r) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Whether every element is finite. */
    static boolean isFinite(double[][] a) {
        for (double[] r : a) {
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
