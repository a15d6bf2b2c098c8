package org.backpropninja.rng;

import org.backpropninja.matrix.Matrix;

/**
 * PyTorch's CPU {@code torch.Generator}, as far as the notebook uses it: {@code manual_seed},
 * {@code torch.randn} (float32) and {@code torch.randint}. With the same seed and the same calls in
 * the same order it yields the notebook's numbers: integers exactly, normal draws to within a float32
 * ulp or two. Small tensors (under 16 elements) go through double maths rounded once to float, so
 * they agree to one ulp. Larger ones go through float maths; on x86 CPUs with AVX2 torch evaluates
 * log, sin and cos there with float polynomial approximations that are themselves about an ulp off,
 * while the JVM's are correctly rounded, so a draw can differ by two ulps (about 1e-7 relative).
 *
 * <p>This is the one place the project computes in {@code float}: torch draws float32 values, so the
 * Box-Muller transform runs in float here too. Results leave as doubles (the float values widened),
 * for the double-precision library.
 *
 * <p>Stateful like any random stream: every draw advances it, and it holds torch's cached "next
 * double normal" for the small-tensor path. Not for sharing between threads.
 */
public final class TorchGenerator {

    /** {@code 2 * pi} as torch's float kernels use it. */
    private static final float TWO_PI_F = (float) (2.0 * Math.PI);
    private static final double TWO_POW_M24 = 0x1.0p-24;
    private static final double TWO_POW_M53 = 0x1.0p-53;
    private static final long MASK_53 = (1L << 53) - 1;

    private final Mt19937 mt;
    /** torch's {@code next_double_normal_sample}: a second Box-Muller value waiting, or NaN if none. */
    private double cachedNormal = Double.NaN;

    private TorchGenerator(Mt19937 mt) {
        this.mt = mt;
    }

    /**
     * {@code torch.Generator().manual_seed(seed)}. torch accepts seeds up to 2^64 - 1 and keeps all 64
     * bits, but MT19937 is seeded with the low 32 ({@code mt[0] = seed & 0xffffffff}), so those alone
     * decide the stream.
     */
    public static TorchGenerator manualSeed(long seed) {
        return new TorchGenerator(Mt19937.initGenrand((int) seed));
    }

    /** {@code random()}: the next 32 bits as an unsigned value in [0, 2^32). */
    public long random() {
        return mt.nextUnsigned();
    }

    /** {@code random64()}: two 32-bit draws, the first one high. */
    public long random64() {
        long hi = mt.nextUnsigned();
        long lo = mt.nextUnsigned();
        return (hi << 32) | lo;
    }

    /** torch's double uniform in [0, 1): {@code (random64() & (2^53 - 1)) * 2^-53}. */
    public double uniform53() {
        return (random64() & MASK_53) * TWO_POW_M53;
    }

    /** torch's float uniform in [0, 1): {@code (random() & 0xFFFFFF) * 2^-24}. */
    private float uniform24() {
        return (float) ((random() & 0xFFFFFF) * TWO_POW_M24);
    }

    /**
     * {@code torch.randn(size)} as float32 values, in torch's order: contiguous, row-major for a
     * matrix. Sizes of 16 and more take torch's vectorised path (uniforms first, then Box-Muller in
     * blocks of 16); smaller sizes draw one double normal per element, using and filling the cache.
     */
    public float[] randnFloat32(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("randn: size must be positive, got " + size);
        }
        float[] d = new float[size];
        if (size >= 16) {
            for (int i = 0; i < size; i++) {
                d[i] = uniform24();
            }
            for (int i = 0; i + 16 <= size; i += 16) {
                boxMuller16(d, i);
            }
            if (size % 16 != 0) {
                // torch recomputes the last 16 slots from 16 fresh uniforms
                int start = size - 16;
                for (int i = start; i < size; i++) {
                    d[i] = uniform24();
                }
                boxMuller16(d, start);
            }
        } else {
            for (int i = 0; i < size; i++) {
                d[i] = (float) normalDouble();
            }
        }
        return d;
    }

    /** torch's {@code normal_fill_16} on d[i..i+16) in float: pairs (j, j+8) become (r cos t, r sin t). */
    private static void boxMuller16(float[] d, int i) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[i + j]; // (0, 1] so the log is finite
            float u2 = d[i + j + 8];
            float r = (float) Math.sqrt(-2.0f * (float) Math.log(u1));
            float t = TWO_PI_F * u2;
            d[i + j] = r * (float) Math.cos(t);
            d[i + j + 8] = r * (float) Math.sin(t);
        }
    }

    /** torch's {@code normal_distribution<double>}: one value, from the cache if one is waiting. */
    private double normalDouble() {
        if (!Double.isNaN(cachedNormal)) {
            double v = cachedNormal;
            cachedNormal = Double.NaN;
            return v;
        }
        double u1 = uniform53();
        double u2 = uniform53();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double t = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(t);
        return r * Math.cos(t);
    }

    /** {@code torch.randn((rows, cols))}: the float32 draws widened to double, row-major. */
    public Matrix randn(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("randn: shape must be positive, got (" + rows + ", "
                    + cols + ")");
        }
        return widen(rows, cols, randnFloat32(Math.multiplyExact(rows, cols)));
    }

    /** A rows x cols matrix of float values widened to double, row-major. */
    public static Matrix widen(int rows, int cols, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return Matrix.of(rows, cols, d);
    }

    /**
     * {@code torch.randint(low, high, (k,))}: {@code low + random() % (high - low)} for each element.
     * The range must be below 2^32 (torch switches to 64-bit draws above that; the notebook never does).
     */
    public int[] randint(long low, long high, int k) {
        long range = high - low;
        if (range < 1 || range > 0xffffffffL) {
            throw new IllegalArgumentException("randint: need low < high with high - low < 2^32, got ["
                    + low + ", " + high + ")");
        }
        if (low < Integer.MIN_VALUE || high - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("randint: [" + low + ", " + high + ") does not fit an int");
        }
        if (k < 0) {
            throw new IllegalArgumentException("randint: count must be non-negative, got " + k);
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) (low + random() % range);
        }
        return out;
    }
}
