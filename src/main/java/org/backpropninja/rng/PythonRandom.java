package org.backpropninja.rng;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code random} module, as far as the notebook uses it: {@code random.seed(a)} with a
 * non-negative int and {@code random.shuffle(x)}. Same seed, same permutation as CPython 3.
 *
 * <p>Stateful like any random stream: each call advances it.
 */
public final class PythonRandom {

    private final Mt19937 mt;

    private PythonRandom(Mt19937 mt) {
        this.mt = mt;
    }

    /**
     * {@code random.seed(a)} for an int a: {@code init_by_array} with the 32-bit words of |a|, least
     * significant first ({@code [0]} for 0).
     */
    public static PythonRandom seed(long a) {
        long lo;
        long hi;
        if (a == Long.MIN_VALUE) { // |a| = 2^63 does not fit a long
            lo = 0;
            hi = 0x80000000L;
        } else {
            long abs = Math.abs(a);
            lo = abs & 0xffffffffL;
            hi = abs >>> 32;
        }
        int[] key = hi == 0 ? new int[] {(int) lo} : new int[] {(int) lo, (int) hi};
        return new PythonRandom(Mt19937.initByArray(key));
    }

    /** {@code getrandbits(k)} for 1 <= k <= 32: the top k bits of one 32-bit draw. */
    public long getrandbits(int k) {
        if (k < 1 || k > 32) {
            throw new IllegalArgumentException("getrandbits: k must be in [1, 32], got " + k);
        }
        return mt.nextUnsigned() >>> (32 - k);
    }

    /** {@code _randbelow(n)}: rejection sampling on {@code bit_length(n)} bits, uniform in [0, n). */
    public int randbelow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("randbelow: n must be positive, got " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /**
     * {@code random.shuffle(x)} on a copy: for i from len-1 down to 1, swap x[i] with
     * x[randbelow(i+1)]. Returns the shuffled copy; the argument is not modified.
     */
    public <T> List<T> shuffled(List<T> x) {
        List<T> out = new ArrayList<>(x);
        for (int i = out.size() - 1; i >= 1; i--) {
            int j = randbelow(i + 1);
            T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }
}
