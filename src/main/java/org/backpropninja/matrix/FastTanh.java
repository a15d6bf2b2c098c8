package org.backpropninja.matrix;

/**
 * tanh faster than {@link Math#tanh} on JDK 17, because {@code Math.tanh} is a software routine and
 * the exponential it needs is computed here inline, without a call (docs/speed.md, section
 * "Fast tanh").
 *
 * <p>Accuracy, checked by a property over tiny, moderate and saturated arguments:
 * {@code |fast(x) - Math.tanh(x)| <= 1e-14 * |Math.tanh(x)|} for every finite x (measured worst
 * 9.9e-16 over 2e7 arguments), hence also an absolute error below 1e-14. Odd symmetry is exact,
 * NaN maps to NaN, +-Infinity to +-1.
 */
public final class FastTanh {

    private static final double C3 = -1.0 / 3.0;
    private static final double C5 = 2.0 / 15.0;
    private static final double C7 = -17.0 / 315.0;
    private static final double C9 = 62.0 / 2835.0;
    private static final double C11 = -1382.0 / 155925.0;

    /** 2^(j/64), j = 0..63. */
    private static final double[] TWO_POW_J64 = new double[64];

    static {
        for (int j = 0; j < 64; j++) {
            TWO_POW_J64[j] = Math.pow(2.0, j / 64.0);
        }
    }

    /** 64 / ln 2. */
    private static final double INV_LN2_64 = 0x1.71547652b82fep6;
    /** ln 2 / 64 split in two: the high part has 26 significant bits, so N * HI is exact for |N| < 2^27. */
    private static final double LN2_64_HI = 0x1.62e42fcp-7;
    private static final double LN2_64_LO = 0x1.7d1cf79abc9e4p-34;
    /** Adding 1.5 * 2^52 rounds a double of magnitude below 2^51 to an integer in its low bits. */
    private static final double ROUND = 0x1.8p52;

    private FastTanh() {
    }

    /**
     * tanh(x) by three branches:
     *
     * <ul>
     *   <li>|x| &lt; 1/16: the odd Taylor series through x^11. The first omitted term,
     *   (21844/6081075) x^13, is below 1e-18 there, and evaluating a series avoids the cancellation
     *   of 1 - e^{-2|x|} for small x.</li>
     *   <li>1/16 &lt;= |x| &lt;= 22: (1 - t) / (1 + t) with t = e^{-2|x|} &lt;= 0.8825, so 1 - t &gt;= 0.117
     *   and cancellation costs at most about 3 bits. t comes from {@link #expNonPositive}.</li>
     *   <li>|x| &gt; 22: +-1, because 1 - tanh(22) &lt; 2^-62 is below half an ulp of 1.</li>
     * </ul>
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0.0625) {
            double x2 = x * x;
            return x + x * x2 * (C3 + x2 * (C5 + x2 * (C7 + x2 * (C9 + x2 * C11))));
        }
        if (a > 22.0) {
            return Math.copySign(1.0, x);
        }
        double t = expNonPositive(-2.0 * a);
        return Math.copySign((1.0 - t) / (1.0 + t), x);
    }

    /**
     * tanh of every element of a row, {@code out[j] = tanh(x[j])} with exactly the bits of
     * {@link #tanh(double)}, in four passes instead of one loop: the reduction and polynomial of the
     * exponential for every element (no branch, no table, so C2 vectorizes it), then the table
     * scaling (scalar), then (1 - t) / (1 + t) for every element (vectorized division), then the
     * choice between the series, +-1 and that quotient per element. Every element goes through the
     * same operations as in {@link #tanh(double)}, so the result is the same; values computed for
     * elements another branch serves are discarded. It measured faster than the one-loop form on the
     * step's activations (docs/speed.md, section "Fast tanh"). {@code t} and {@code q} are scratch
     * rows at least as long as x.
     */
    static void tanhRow(double[] x, double[] out, double[] t, double[] q) {
        int m = x.length;
        for (int j = 0; j < m; j++) {                 // e^r - 1 and round(y * 64 / ln 2), y = -2|x|
            double y = -2.0 * Math.abs(x[j]);
            double nd = (y * INV_LN2_64 + ROUND) - ROUND;
            double r = (y - nd * LN2_64_HI) - nd * LN2_64_LO;
            t[j] = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))));
            q[j] = nd;
        }
        for (int j = 0; j < m; j++) {                 // t = 2^(n/64) e^r, the table scaling
            // n as in expNonPositive: there the low bits of the shifted sum, here the same integer
            // read from nd (exact for |nd| < 2^31, and |nd| <= 4064 where |x| <= 22; for larger |x|
            // the cast saturates and the value, never used, is discarded by the last pass)
            int n = (int) q[j];
            double table = TWO_POW_J64[n & 63];
            double scale = Double.longBitsToDouble(Double.doubleToRawLongBits(table) + ((long) (n >> 6) << 52));
            t[j] = scale + scale * t[j];
        }
        for (int j = 0; j < m; j++) {
            q[j] = (1.0 - t[j]) / (1.0 + t[j]);
        }
        for (int j = 0; j < m; j++) {
            double v = x[j];
            double a = Math.abs(v);
            if (a < 0.0625) {
                double x2 = v * v;
                out[j] = v + v * x2 * (C3 + x2 * (C5 + x2 * (C7 + x2 * (C9 + x2 * C11))));
            } else if (a > 22.0) {
                out[j] = Math.copySign(1.0, v);
            } else {
                out[j] = Math.copySign(q[j], v);
            }
        }
    }

    /**
     * e^y for y in [-44, 0], table-driven and branch-free: y = (64k + j) ln2/64 + r with
     * |r| &lt;= ln2/128, e^y = 2^k * 2^(j/64) * e^r, and e^r by its Taylor series through r^6 (the
     * first omitted term is below 4e-17). Measured within 2.3e-16 relative of {@link Math#exp}.
     */
    static double expNonPositive(double y) {
        double shifted = y * INV_LN2_64 + ROUND;
        int n = (int) Double.doubleToRawLongBits(shifted);   // round(y * 64 / ln 2), two's complement
        double nd = shifted - ROUND;
        double r = (y - nd * LN2_64_HI) - nd * LN2_64_LO;
        double er = r + r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))));
        double table = TWO_POW_J64[n & 63];
        double scale = Double.longBitsToDouble(Double.doubleToRawLongBits(table) + ((long) (n >> 6) << 52));
        return scale + scale * er;
    }
}
