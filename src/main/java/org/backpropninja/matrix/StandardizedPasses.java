package org.backpropninja.matrix;

/**
 * The fused passes that read a {@link Standardized} operand {@code (z - e) * f}, computing each of
 * its elements where it is used with the arithmetic of {@link FusedPasses#subThenMul}, so the
 * results have the bits of the same pass on the materialised operand. Operands of one row are
 * broadcast over the rows; the shape checks are the facade's.
 */
final class StandardizedPasses {

    private StandardizedPasses() {
    }

    private static double[] row(double[][] m, int i) {
        return m[m.length == 1 ? 0 : i];
    }

    /** {@code ((z - e) * f) * a + b} (no fused multiply-add): the bits of mulThenAdd(subThenMul(z, e, f), a, b). */
    static double[][] mulThenAdd(RowSplit split, double[][] zs, double[][] es, double[][] fs, double[][] as,
                                 double[][] bs) {
        return FusedPasses.byRows(split, zs.length, zs[0].length, (i, o) -> {
            double[] z = zs[i];
            double[] e = row(es, i);
            double[] f = row(fs, i);
            double[] a = row(as, i);
            double[] b = row(bs, i);
            for (int j = 0; j < o.length; j++) {
                o[j] = ((z[j] - e[j]) * f[j]) * a[j] + b[j];
            }
        });
    }

    /** Column sums of {@code x * ((z - e) * f)}, rows in order: the bits of columnDot(x, subThenMul(z, e, f)). */
    static double[] columnDot(double[][] xs, double[][] zs, double[][] es, double[][] fs) {
        double[] out = new double[xs[0].length];
        for (int i = 0; i < xs.length; i++) {
            double[] x = xs[i];
            double[] z = zs[i];
            double[] e = row(es, i);
            double[] f = row(fs, i);
            for (int j = 0; j < out.length; j++) {
                out[j] += x[j] * ((z[j] - e[j]) * f[j]);
            }
        }
        return out;
    }

    /**
     * {@code (x * s + (((z - e) * f) * a + c)) * d}: the bits of
     * scaleAddAffineMul(x, s, subThenMul(z, e, f), a, c, d). Two loops over each row, the
     * standardized element written into the output row and read back: C2 on JDK 17 does not
     * vectorize the one loop that reads all seven operands (docs/speed.md, section "Round 3").
     */
    static double[][] scaleAddAffineMul(RowSplit split, double[][] xs, double s, double[][] zs, double[][] es,
                                        double[][] fs, double[][] as, double[][] cs, double[][] ds) {
        return FusedPasses.byRows(split, xs.length, xs[0].length, (i, o) -> {
            double[] x = xs[i];
            double[] z = zs[i];
            double[] e = row(es, i);
            double[] f = row(fs, i);
            double[] a = row(as, i);
            double[] c = row(cs, i);
            double[] d = row(ds, i);
            for (int j = 0; j < o.length; j++) {
                o[j] = (z[j] - e[j]) * f[j];
            }
            for (int j = 0; j < o.length; j++) {
                o[j] = (x[j] * s + (o[j] * a[j] + c[j])) * d[j];
            }
        });
    }
}
