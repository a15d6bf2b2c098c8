package org.backpropninja.matrix;

/**
 * The integer-indexing kernels behind {@link Matrix#oneHot}, {@link Matrix#gatherRows},
 * {@link Matrix#pick} and {@link Matrix#scatterAddRows}. Each index is checked as it is used and a
 * bad one is reported naming the operation.
 */
final class RowIndexing {

    private RowIndexing() {
    }

    /** One-hot rows: (indices.length, numClasses), a 1 at (k, indices[k]). */
    static double[][] oneHot(int[] indices, int numClasses) {
        double[][] d = RowArrays.zeros(indices.length, numClasses);
        for (int k = 0; k < indices.length; k++) {
            checkIndex("oneHot", indices[k], numClasses);
            d[k][indices[k]] = 1.0;
        }
        return d;
    }

    /** A copy of a with 1 subtracted at (k, indices[k]) for every row k. */
    static double[][] subOneHot(double[][] a, int[] indices) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            checkIndex("subOneHot", indices[k], a[k].length);
            out[k] = a[k].clone();
            out[k][indices[k]] -= 1.0;
        }
        return out;
    }

    /** {@code (a - oneHot(indices)) * s}: the bits of subOneHot then a scale, in one pass with no copy between. */
    static double[][] subOneHotScaled(double[][] a, int[] indices, double s) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            checkIndex("subOneHotScaled", indices[k], a[k].length);
            double[] x = a[k];
            double[] o = new double[x.length];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] * s;
            }
            o[indices[k]] = (x[indices[k]] - 1.0) * s;
            out[k] = o;
        }
        return out;
    }

    /**
     * The sum over the rows of {@code (a[i][indices[i]] - max[i][0]) - log(sums[i][0])}, in order
     * from 0.0: the bits of picking, two subtractions and the sum of an (n, 1) column.
     */
    static double sumLogSoftmaxAt(double[][] a, int[] indices, double[][] max, double[][] sums) {
        double total = 0.0;
        for (int i = 0; i < a.length; i++) {
            checkIndex("meanNegLogSoftmaxAt", indices[i], a[i].length);
            total += (a[i][indices[i]] - max[i][0]) - Math.log(sums[i][0]);
        }
        return total;
    }

    /** Copies of rows {@code indices[k]} of a. */
    static double[][] gather(double[][] a, int[] indices) {
        return gatherSideBySide("gatherRows", a, indices, indices.length, 1);
    }

    /**
     * Row i of the result is rows {@code a[idx[i*b + j]]}, j = 0..b-1, side by side: (v, d) by n*b
     * row-major indices -> (n, b*d); with b = 1, the plain row gather. {@code op} names the
     * operation in an index error.
     */
    static double[][] gatherSideBySide(String op, double[][] a, int[] idx, int n, int b) {
        int d = a[0].length;
        double[][] out = new double[n][];
        RowArrays.allocateToFill(out, 0, n, b * d);
        for (int i = 0; i < n; i++) {
            double[] o = out[i];
            for (int j = 0; j < b; j++) {
                int r = idx[i * b + j];
                checkIndex(op, r, a.length);
                System.arraycopy(a[r], 0, o, j * d, d);
            }
        }
        return out;
    }

    /**
     * The backward of {@link #gatherSideBySide}: block j of row i of a, (n, b*d), added into row
     * {@code idx[i*b + j]} of a (targetRows, d) result, in order of i, then j; with b = 1, the
     * plain row scatter-add.
     */
    static double[][] scatterAddBlocks(String op, double[][] a, int[] idx, int b, int targetRows) {
        int d = a[0].length / b;
        double[][] out = RowArrays.zeros(targetRows, d);
        for (int i = 0; i < a.length; i++) {
            double[] src = a[i];
            for (int j = 0; j < b; j++) {
                int r = idx[i * b + j];
                checkIndex(op, r, targetRows);
                double[] o = out[r];
                int at = j * d;
                for (int c = 0; c < d; c++) {
                    o[c] += src[at + c];
                }
            }
        }
        return out;
    }

    static double[][] pick(double[][] a, int[] columns) {
        double[][] out = RowArrays.zeros(a.length, 1);
        for (int i = 0; i < a.length; i++) {
            checkIndex("pick", columns[i], a[i].length);
            out[i][0] = a[i][columns[i]];
        }
        return out;
    }

    /** Row r of the result is the sum, in order of k, of the rows k of a with indices[k] == r. */
    static double[][] scatterAdd(double[][] a, int[] indices, int targetRows) {
        return scatterAddBlocks("scatterAddRows", a, indices, 1, targetRows);
    }

    private static void checkIndex(String op, int index, int bound) {
        if (index < 0 || index >= bound) {
            throw new IllegalArgumentException(op + ": index " + index + " outside [0, " + bound + ")");
        }
    }
}
