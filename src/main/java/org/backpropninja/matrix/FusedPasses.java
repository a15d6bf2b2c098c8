package org.backpropninja.matrix;

/**
 * The fused element-wise passes the training step uses: each computes in one pass, without
 * temporaries, what the facade's plain operations would compute in two or three, and with the same
 * bits as that composition unless its javadoc on {@link Matrix} says otherwise. Works on row arrays;
 * the shape checks are the facade's.
 */
final class FusedPasses {

    private FusedPasses() {
    }

    /** {@code x + alpha * y}, shapes equal. */
    static double[][] addScaled(double[][] a, double[][] b, double alpha) {
        double[][] out = RowArrays.zeros(a.length, a[0].length);
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i];
            double[] y = b[i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] + alpha * y[j];
            }
        }
        return out;
    }

    /** {@code (x - a) * b}, a and b of x's shape or one row of its width. */
    static double[][] subMul(double[][] data, double[][] a, double[][] b) {
        double[][] out = RowArrays.zeros(data.length, data[0].length);
        for (int i = 0; i < data.length; i++) {
            double[] x = data[i];
            double[] y = a[a.length == 1 ? 0 : i];
            double[] z = b[b.length == 1 ? 0 : i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = (x[j] - y[j]) * z[j];
            }
        }
        return out;
    }

    /** {@code x * a + b} (no fused multiply-add), a and b of x's shape or one row of its width. */
    static double[][] mulAdd(double[][] data, double[][] a, double[][] b) {
        double[][] out = RowArrays.zeros(data.length, data[0].length);
        for (int i = 0; i < data.length; i++) {
            double[] x = data[i];
            double[] y = a[a.length == 1 ? 0 : i];
            double[] z = b[b.length == 1 ? 0 : i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = x[j] * y[j] + z[j];
            }
        }
        return out;
    }

    /** {@code (1 - h^2) * dh}, shapes equal. */
    static double[][] tanhBackward(double[][] hs, double[][] dhs) {
        double[][] out = RowArrays.zeros(hs.length, hs[0].length);
        for (int i = 0; i < hs.length; i++) {
            double[] h = hs[i];
            double[] g = dhs[i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = (1.0 - h[j] * h[j]) * g[j];
            }
        }
        return out;
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
    static double[][] combine(double[][] data, double s, double[][] ys, double[][] as, double[][] cs,
                              double[][] ds) {
        double[][] out = RowArrays.zeros(data.length, data[0].length);
        for (int i = 0; i < data.length; i++) {
            double[] x = data[i];
            double[] y = ys[i];
            double[] a = as[as.length == 1 ? 0 : i];
            double[] c = cs[cs.length == 1 ? 0 : i];
            double[] d = ds[ds.length == 1 ? 0 : i];
            double[] o = out[i];
            for (int j = 0; j < o.length; j++) {
                o[j] = (x[j] * s + (y[j] * a[j] + c[j])) * d[j];
            }
        }
        return out;
    }

    /**
     * Row-wise stable softmax, with each row's maximum and sum of exponentials:
     * the maximum as {@link Reductions#rowMax} finds it, {@code e = exp(x - max)} summed in order
     * of the columns from 0.0 as {@link Reductions#rowSums} does, then {@code e / sum}.
     */
    static RowSoftmax softmaxRows(double[][] data) {
        int rows = data.length;
        double[][] probs = RowArrays.zeros(rows, data[0].length);
        double[][] max = RowArrays.zeros(rows, 1);
        double[][] sums = RowArrays.zeros(rows, 1);
        for (int i = 0; i < data.length; i++) {
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
            max[i][0] = m;
            sums[i][0] = s;
        }
        return new RowSoftmax(Matrix.wrap(rows, probs[0].length, probs), Matrix.wrap(rows, 1, max),
                Matrix.wrap(rows, 1, sums));
    }
}
