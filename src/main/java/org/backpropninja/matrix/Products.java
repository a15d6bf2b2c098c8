package org.backpropninja.matrix;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The product kernel behind {@link Matrix#matmul}, {@link Matrix#transposeMatmul},
 * {@link Matrix#matmulTranspose} and {@link Fused#affine}, and the blocked transpose. Works on row
 * arrays, its rows split by the given {@link RowSplit}; the shape checks are the facades'. Why the
 * kernel is blocked as it is: docs/speed.md, section "Products".
 */
final class Products {

    /** Below this many columns an output row is short for the product kernel's vector loop. */
    static final int SHORT_ROW = 64;

    private Products() {
    }

    /** a @ b: (n, k) @ (k, m) -> (n, m), each output row starting from {@code start} (zeros when null). */
    static double[][] times(RowSplit split, double[][] a, double[][] b, int m, double[] start) {
        double[][] out = new double[a.length][];
        product(split, new Coefficients(a, false, a.length), b, b.length, m, start, out);
        return out;
    }

    /**
     * a @ b^T: (n, k) @ (m, k)^T -> (n, m), through the kernel of {@link #times} on b transposed into
     * {@link Scratch} rows: dot products over k are a serial reduction C2 will not reorder, where the
     * kernel's row-broadcast loop vectorizes.
     */
    static double[][] timesTransposed(RowSplit split, double[][] a, double[][] b) {
        return RowPlan.run(split, timesTransposedPlan(a, b));
    }

    /**
     * {@link #timesTransposed} as a {@link RowPlan}. When the rows are split, each thread transposes b
     * into its own scratch rows: b is a layer's weights, which both threads have just read in the
     * forward, so each copy is made from the thread's own cache instead of one thread reading the
     * other's copy across the cores.
     */
    static RowPlan timesTransposedPlan(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        int k = b[0].length;
        Coefficients coef = new Coefficients(a, false, n);
        double[][] out = new double[n][];
        PerThread bt = new PerThread(() -> {
            double[][] t = Scratch.rows(Scratch.Use.OPERAND, k, m);
            transposeInto(b, m, k, t);
            return t;
        });
        return RowPlan.of(n, (long) n * k * m, (from, to) -> productRows(coef, bt.get(), k, m, null, out, from, to),
                () -> out);
    }

    /**
     * a^T @ b: (k, n)^T @ (k, m) -> (n, m), without forming the transpose: row i of the result
     * combines the rows of b with column i of a as coefficients, through the same kernel as
     * {@link #times}.
     */
    static double[][] transposeTimes(RowSplit split, double[][] a, double[][] b) {
        return RowPlan.run(split, transposeTimesPlan(a, b));
    }

    /** {@link #transposeTimes} as a {@link RowPlan}. */
    static RowPlan transposeTimesPlan(double[][] a, double[][] b) {
        int n = a[0].length;
        int m = b[0].length;
        int k = a.length;
        if (m < SHORT_ROW && m < n) {
            // A short output row (dW2 is (200, 27)) leaves the vector loop little to do: compute the
            // transpose (b^T @ a), whose rows are long, and transpose it back. Each row of the
            // transpose goes to scratch rows of the thread that computes it.
            Coefficients coef = new Coefficients(b, true, m);
            double[][] t = new double[m][];
            PerThread mine = new PerThread(() -> Scratch.rows(Scratch.Use.RESULT, m, n));
            return RowPlan.of(m, (long) m * k * n, (from, to) -> {
                double[][] rows = mine.get();
                System.arraycopy(rows, from, t, from, to - from);
                productRows(coef, a, k, n, null, t, from, to);
            }, () -> {
                double[][] out = RowArrays.toFill(n, m);         // every element written by the transpose
                transposeInto(t, m, n, out);
                return out;
            });
        }
        Coefficients coef = new Coefficients(a, true, n);
        double[][] out = new double[n][];
        return RowPlan.of(n, (long) n * k * m, (from, to) -> productRows(coef, b, k, m, null, out, from, to), () -> out);
    }

    /**
     * A value made once per thread within one split kernel: for the calling thread and for the
     * helper of {@link RowSplit}, the only two threads that run a kernel's blocks. Each slot is
     * written and read by its own thread only.
     */
    private static final class PerThread {
        private final Thread caller = Thread.currentThread();
        private final Supplier<double[][]> make;
        private double[][] callers;
        private double[][] helpers;

        PerThread(Supplier<double[][]> make) {
            this.make = make;
        }

        double[][] get() {
            if (Thread.currentThread() == caller) {
                if (callers == null) {
                    callers = make.get();
                }
                return callers;
            }
            if (helpers == null) {
                helpers = make.get();
            }
            return helpers;
        }
    }

    /**
     * The coefficients of a product: a(i, p) is {@code data[i][p]}, or {@code data[p][i]} when
     * transposed. Read a few scalars at a time outside the kernel's inner loop, so the indirection
     * costs nothing there.
     */
    private record Coefficients(double[][] data, boolean transposed, int rows) {

        double at(int i, int p) {
            return transposed ? data[p][i] : data[i][p];
        }
    }

    /**
     * The product kernel: output row i is {@code start + sum_p coef[i][p] * b[p]} (start = zeros
     * when null). Four output rows and two rows of b are combined per pass over the output, so each
     * loaded element of b serves four fused multiply-adds and the loop overhead is paid once per
     * eight; the inner loop runs over m contiguous elements from index 0, which C2 vectorizes
     * (Math.fma compiles to vector FMA instructions). Simpler blockings measured slower on the
     * training step's shapes (docs/speed.md, section "Products").
     */
    private static void product(RowSplit split, Coefficients coef, double[][] b, int k, int m, double[] start,
                                double[][] out) {
        int n = coef.rows();
        split.run(n, (long) n * k * m, (from, to) -> productRows(coef, b, k, m, start, out, from, to));
    }

    /**
     * Rows [from, to) of the product: into fresh rows where {@code out} has none (null), else into
     * the given rows, zeroed first (scratch rows, start null). A row's arithmetic is the same whether
     * it is computed in a block of four or alone (fused multiply-adds in order of p), so any split
     * gives the same bits.
     */
    private static void productRows(Coefficients coef, double[][] b, int k, int m, double[] start,
                                    double[][] out, int from, int to) {
        RowReuse.Pool pool = RowReuse.current();
        for (int i = from; i < to; i++) {
            if (out[i] == null) {
                double[] row = pool == null ? new double[m] : pool.take(m, start == null);
                if (start != null) {
                    System.arraycopy(start, 0, row, 0, m);
                }
                out[i] = row;
            } else {
                Arrays.fill(out[i], 0, m, 0.0);
            }
        }
        int i = from;
        for (; i + 3 < to; i += 4) {
            double[] o0 = out[i];
            double[] o1 = out[i + 1];
            double[] o2 = out[i + 2];
            double[] o3 = out[i + 3];
            int p = 0;
            for (; p + 1 < k; p += 2) {
                double[] b0 = b[p];
                double[] b1 = b[p + 1];
                double x0 = coef.at(i, p);
                double x1 = coef.at(i, p + 1);
                double y0 = coef.at(i + 1, p);
                double y1 = coef.at(i + 1, p + 1);
                double z0 = coef.at(i + 2, p);
                double z1 = coef.at(i + 2, p + 1);
                double w0 = coef.at(i + 3, p);
                double w1 = coef.at(i + 3, p + 1);
                for (int j = 0; j < m; j++) {
                    double v0 = b0[j];
                    double v1 = b1[j];
                    o0[j] = Math.fma(x1, v1, Math.fma(x0, v0, o0[j]));
                    o1[j] = Math.fma(y1, v1, Math.fma(y0, v0, o1[j]));
                    o2[j] = Math.fma(z1, v1, Math.fma(z0, v0, o2[j]));
                    o3[j] = Math.fma(w1, v1, Math.fma(w0, v0, o3[j]));
                }
            }
            if (p < k) {
                double[] bp = b[p];
                double x = coef.at(i, p);
                double y = coef.at(i + 1, p);
                double z = coef.at(i + 2, p);
                double w = coef.at(i + 3, p);
                for (int j = 0; j < m; j++) {
                    double v = bp[j];
                    o0[j] = Math.fma(x, v, o0[j]);
                    o1[j] = Math.fma(y, v, o1[j]);
                    o2[j] = Math.fma(z, v, o2[j]);
                    o3[j] = Math.fma(w, v, o3[j]);
                }
            }
        }
        if (to - i == 3) {
            threeRows(coef, b, k, m, out, i);
            return;
        }
        if (to - i == 2) {
            twoRows(coef, b, k, m, out, i);
            return;
        }
        for (; i < to; i++) {
            double[] o = out[i];
            for (int p = 0; p < k; p++) {
                double s = coef.at(i, p);
                double[] bp = b[p];
                for (int j = 0; j < m; j++) {
                    o[j] = Math.fma(s, bp[j], o[j]);
                }
            }
        }
    }

    /**
     * The last three rows of a block (dW2's transpose has 27 rows), two rows of b per pass as in the
     * four-row kernel: one row at a time, one term per pass, left a ninth of dW2's multiply-adds to a
     * loop several times slower. Same multiply-adds in the same order, so the same bits. Written out
     * beside the four-row pass rather than shared with it: C2 vectorizes a loop whose body names
     * each output row, and not one that loops over the rows inside it.
     */
    private static void threeRows(Coefficients coef, double[][] b, int k, int m, double[][] out, int i) {
        double[] o0 = out[i];
        double[] o1 = out[i + 1];
        double[] o2 = out[i + 2];
        int p = 0;
        for (; p + 1 < k; p += 2) {
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            double x0 = coef.at(i, p);
            double x1 = coef.at(i, p + 1);
            double y0 = coef.at(i + 1, p);
            double y1 = coef.at(i + 1, p + 1);
            double z0 = coef.at(i + 2, p);
            double z1 = coef.at(i + 2, p + 1);
            for (int j = 0; j < m; j++) {
                double v0 = b0[j];
                double v1 = b1[j];
                o0[j] = Math.fma(x1, v1, Math.fma(x0, v0, o0[j]));
                o1[j] = Math.fma(y1, v1, Math.fma(y0, v0, o1[j]));
                o2[j] = Math.fma(z1, v1, Math.fma(z0, v0, o2[j]));
            }
        }
        if (p < k) {
            double[] bp = b[p];
            double x = coef.at(i, p);
            double y = coef.at(i + 1, p);
            double z = coef.at(i + 2, p);
            for (int j = 0; j < m; j++) {
                double v = bp[j];
                o0[j] = Math.fma(x, v, o0[j]);
                o1[j] = Math.fma(y, v, o1[j]);
                o2[j] = Math.fma(z, v, o2[j]);
            }
        }
    }

    /** The last two rows of a block (dW1 has 30 rows), as {@link #threeRows}. */
    private static void twoRows(Coefficients coef, double[][] b, int k, int m, double[][] out, int i) {
        double[] o0 = out[i];
        double[] o1 = out[i + 1];
        int p = 0;
        for (; p + 1 < k; p += 2) {
            double[] b0 = b[p];
            double[] b1 = b[p + 1];
            double x0 = coef.at(i, p);
            double x1 = coef.at(i, p + 1);
            double y0 = coef.at(i + 1, p);
            double y1 = coef.at(i + 1, p + 1);
            for (int j = 0; j < m; j++) {
                double v0 = b0[j];
                double v1 = b1[j];
                o0[j] = Math.fma(x1, v1, Math.fma(x0, v0, o0[j]));
                o1[j] = Math.fma(y1, v1, Math.fma(y0, v0, o1[j]));
            }
        }
        if (p < k) {
            double[] bp = b[p];
            double x = coef.at(i, p);
            double y = coef.at(i + 1, p);
            for (int j = 0; j < m; j++) {
                double v = bp[j];
                o0[j] = Math.fma(x, v, o0[j]);
                o1[j] = Math.fma(y, v, o1[j]);
            }
        }
    }

    /** Transpose: (r, c) -> (c, r), into fresh rows. */
    static double[][] transpose(double[][] data) {
        double[][] d = RowArrays.toFill(data[0].length, data.length);
        transposeInto(data, data.length, data[0].length, d);
        return d;
    }

    /**
     * The transpose of the first rows x cols elements of data into the first cols x rows of d.
     * Four output rows per pass, each written in order while the pass reads four neighbouring
     * elements of every source row: faster on the step's weights than four source rows per pass,
     * which wrote four elements into each of the output rows in turn.
     */
    static void transposeInto(double[][] data, int rows, int cols, double[][] d) {
        int j = 0;
        for (; j + 3 < cols; j += 4) {
            double[] d0 = d[j];
            double[] d1 = d[j + 1];
            double[] d2 = d[j + 2];
            double[] d3 = d[j + 3];
            for (int i = 0; i < rows; i++) {
                double[] s = data[i];
                d0[i] = s[j];
                d1[i] = s[j + 1];
                d2[i] = s[j + 2];
                d3[i] = s[j + 3];
            }
        }
        for (; j < cols; j++) {
            double[] dj = d[j];
            for (int i = 0; i < rows; i++) {
                dj[i] = data[i][j];
            }
        }
    }
}
