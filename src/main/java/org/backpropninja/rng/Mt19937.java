package org.backpropninja.rng;

/**
 * The 32-bit Mersenne Twister MT19937 (n = 624, m = 397), the engine under both Python's
 * {@code random} and PyTorch's CPU generator. The two differ only in how they seed it:
 * {@link #initGenrand} (PyTorch's {@code manual_seed}) and {@link #initByArray} (Python's
 * {@code random.seed} with an int).
 *
 * <p>A random stream is state by nature: {@link #nextInt} advances this object. It is the one kind of
 * mutable object in the project; do not share one between threads.
 */
public final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;

    private Mt19937() {
    }

    /** The reference {@code init_genrand(s)}: {@code mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >>> 30)) + i}. */
    public static Mt19937 initGenrand(int seed) {
        Mt19937 m = new Mt19937();
        m.fill(seed);
        return m;
    }

    private void fill(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
    }

    /**
     * The reference {@code init_by_array(key)}: {@code init_genrand(19650218)}, then the two mixing
     * loops, then {@code mt[0] = 0x80000000}. Python seeds with the 32-bit words of |a|, least
     * significant first.
     */
    public static Mt19937 initByArray(int[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("initByArray: empty key");
        }
        Mt19937 m = new Mt19937();
        m.fill(19650218);
        int[] mt = m.mt;
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        return m;
    }

    /** The next 32 random bits (an unsigned value held in an int; see {@link #nextUnsigned}). */
    public int nextInt() {
        if (mti >= N) {
            twist();
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next 32 random bits as an unsigned value in [0, 2^32). */
    public long nextUnsigned() {
        return Integer.toUnsignedLong(nextInt());
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        mti = 0;
    }
}
