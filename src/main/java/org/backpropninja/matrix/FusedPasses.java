package org.backpropninja.matrix;

/**
 * The fused element-wise passes behind {@link Fused}: each computes in one pass, without
 * temporaries, what {@link Matrix}'s plain operations would compute in two or three, and with the
 * same bits as that composition unless its javadoc on {@link Fused} says otherwise. Works on row
 * arrays, the larger passes' rows split by the given {@link RowSplit}; the shape checks are the
 * facade's.
 */
final class FusedPasses {

    private FusedPasses() {
    }

    /**
     * The work of one element of an element-wise pass in {@link RowSplit}'s unit, a vectorized
     * multiply-add: a pass into fresh rows, which the JVM zeroes first, costs several of a product's
     * multiply-adds an element, and a (32, 200) activation is worth splitting where a bias row is
     * not (docs/speed.md, section "The row split"). Inside the training loop's {@link RowReuse} the
     * rows are in the cache and the count matters little: at 2, so that no such pass split, the step
     * measured the same.
     */
    static final long ELEMENT_WORK = 8;

    /** Writes row i of a result, every element of it (the row may hold an earlier step's values: {@link RowReuse}). */
    @FunctionalInterface
    interface RowPass {
        void row(int i, double[] o);
    }

    /**
     * A fresh rows x cols result, row i written by {@code pass}; the rows are split between two
     * threads ({@link RowSplit}) when there are enough elements, each row allocated by the thread
     * that writes it. Every row is computed by the same code on either thread, so the bits do not
     * depend on the split. A block's rows are allocated before any is written, which measured faster
     * than allocating each row just before writing it (docs/speed.md, section "The row split").
     */
    static double[][] byRows(RowSplit split, int rows, int cols, RowPass pass) {
        double[][] out = new double[rows][];
        split.run(rows, ELEMENT_WORK * rows * cols, (from, to) -> {
            RowArrays.allocateToFill(out, from, to, cols);
            for (int i = from; i < to; i++) {
                pass.row(i, out[i]);
            }
        });
        return out;
    }

    /** {@code x + alpha * y}, shapes equal. */
    static double[][] addScaled(RowSplit split, double[][] a, double[][] b, double alpha) {
        return byRows(split, a.length, a[0].length, (i, o) -> {
            double[] x = a[i];
            double[] y = b[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] + alpha * y[j];
            }
        });
    }

    /** {@link #addScaled} as a {@link RowPlan}: fresh rows, each allocated by the thread that writes it. */
    static RowPlan addScaledPlan(double[][] a, double[][] b, double alpha) {
        int cols = a[0].length;
        double[][] out = new double[a.length][];
        return RowPlan.of(a.length, ELEMENT_WORK * a.length * cols, (from, to) -> {
            RowArrays.allocateToFill(out, from, to, cols);
            for (int i = from; i < to; i++) {
                double[] x = a[i];
                double[] y = b[i];
                double[] o = out[i];
                for (int j = 0; j < cols; j++) {
                    o[j] = x[j] + alpha * y[j];
                }
            }
        }, () -> out);
    }

    /** {@code (x - a) * b}, a and b of x's shape or one row of its width. */
    static double[][] subThenMul(RowSplit split, double[][] data, double[][] a, double[][] b) {
        return byRows(split, data.length, data[0].length, (i, o) -> {
            double[] x = data[i];
            double[] y = a[a.length == 1 ? 0 : i];
            double[] z = b[b.length == 1 ? 0 : i];
            for (int j = 0; j < o.length; j++) {
                o[j] = (x[j] - y[j]) * z[j];
            }
        });
    }

    /** {@code x * a + b} (no fused multiply-add), a and b of x's shape or one row of its width. */
    static double[][] mulThenAdd(RowSplit split, double[][] data, double[][] a, double[][] b) {
        return byRows(split, data.length, data[0].length, (i, o) -> {
            double[] x = data[i];
            double[] y = a[a.length == 1 ? 0 : i];
            double[] z = b[b.length == 1 ? 0 : i];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] * y[j] + z[j];
            }
        });
    }

    /** {@code (1 - h^2) * dh}, shapes equal. */
    static double[][] tanhBackward(RowSplit split, double[][] hs, double[][] dhs) {
        return byRows(split, hs.length, hs[0].length, (i, o) -> {
            double[] h = hs[i];
            double[] g = dhs[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = (1.0 - h[j] * h[j]) * g[j];
            }
        });
    }

    /** Column sums of {@code x * y}, shapes equal: (n, c) -> c values. */
    static double[] columnDot(double[][] a, double[][] b) {
        double[] out = new double[a[0].length];
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i];
            double[] y = b[i];
            for (int j = 0; j < out.length; j++) {
                out[j] += x[j] * y[j];
            }
        }
        return out;
    }

    /** Column sums of {@code (x - m)^2} divided by n - 1: (n, c) about c means -> c values. */
    static double[] varianceAbout(double[][] data, double[] m) {
        double[] ss = new double[m.length];
        for (double[] r : data) {
            for (int j = 0; j < ss.length; j++) {
                double d = r[j] - m[j];
                ss[j] += d * d;
            }
        }
        double inv = 1.0 / (data.length - 1);
        for (int j = 0; j < ss.length; j++) {
            ss[j] *= inv;
        }
        return ss;
    }

    /** {@code (x * s + (y * a + c)) * d}; y of x's shape, a, c, d of x's shape or one row of its width. */
    static double[][] scaleAddAffineMul(RowSplit split, double[][] data, double s, double[][] ys, double[][] as,
                                        double[][] cs, double[][] ds) {
        return byRows(split, data.length, data[0].length, (i, o) -> {
            double[] x = data[i];
            double[] y = ys[i];
            double[] a = as[as.length == 1 ? 0 : i];
            double[] c = cs[cs.length == 1 ? 0 : i];
            double[] d = ds[ds.length == 1 ? 0 : i];
            for (int j = 0; j < o.length; j++) {
                o[j] = (x[j] * s + (y[j] * a[j] + c[j])) * d[j];
            }
        });
    }

    /**
     * Row-wise stable softmax, with each row's maximum and sum of exponentials:
     * the maximum as {@link Reductions#rowMax} finds it, {@code e = exp(x - max)} summed in order
     * of the columns from 0.0 as {@link Reductions#rowSums} does, then {@code e / sum}. Rows are
     * independent, so they are split between two threads ({@link RowSplit}) when the batch is large
     * enough: an exponential costs tens of vectorized multiply-adds ({@link #EXP_WORK}).
     */
    static RowSoftmax softmaxRows(RowSplit split, double[][] data) {
        int rows = data.length;
        int cols = data[0].length;
        double[][] probs = new double[rows][];
        double[][] max = new double[rows][];
        double[][] sums = new double[rows][];
        split.run(rows, EXP_WORK * rows * cols, (from, to) -> {
            RowArrays.allocateToFill(probs, from, to, cols);    // by the thread that writes them
            for (int i = from; i < to; i++) {
                double[] x = data[i];
                double[] o = probs[i];
                double m = x[0];
                for (int j = 1; j < x.length; j++) {
                    if (x[j] > m) {
                        m = x[j];
                    }
                }
                for (int j = 0; j < o.length; j++) {
                    o[j] = Math.exp(x[j] - m);
                }
                double s = 0.0;
                for (int j = 0; j < o.length; j++) {
                    s += o[j];
                }
                for (int j = 0; j < o.length; j++) {
                    o[j] = o[j] / s;
                }
                max[i] = new double[] {m};
                sums[i] = new double[] {s};
            }
        });
        return new RowSoftmax(Matrix.wrap(rows, cols, probs), Matrix.wrap(rows, 1, max),
                Matrix.wrap(rows, 1, sums));
    }

    /**
     * The work of one {@link Math#exp} in {@link RowSplit}'s unit, a vectorized multiply-add: a call
     * to a software routine against one vector lane, so the notebook's (32, 27) logits are worth
     * splitting and a row or two are not (docs/speed.md, section "The row split").
     */
    static final long EXP_WORK = 64;
}
