package org.backpropninja.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Generic properties of the reproduced streams, for any seed. */
class RandomStreamProperties {

    @Property(tries = 300)
    void shuffleIsAPermutation(@ForAll @LongRange(min = 0) long seed, @ForAll @IntRange(min = 0, max = 300) int length) {
        List<Integer> x = IntStream.range(0, length).boxed().collect(Collectors.toList());
        List<Integer> shuffled = PythonRandom.seed(seed).shuffled(x);
        assertEquals(length, shuffled.size());
        List<Integer> sorted = new ArrayList<>(shuffled);
        sorted.sort(null);
        assertEquals(x, sorted);
    }

    @Property(tries = 300)
    void randbelowStaysBelow(@ForAll long seed, @ForAll @IntRange(min = 1) int n) {
        PythonRandom r = PythonRandom.seed(seed);
        for (int i = 0; i < 50; i++) {
            int v = r.randbelow(n);
            assertTrue(v >= 0 && v < n, v + " outside [0, " + n + ")");
        }
    }

    @Property(tries = 300)
    void randintStaysInRange(@ForAll long seed, @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int low,
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE / 2) int width, @ForAll @IntRange(min = 0, max = 200) int k) {
        long high = (long) low + width;
        int[] v = TorchGenerator.manualSeed(seed).randint(low, high, k);
        assertEquals(k, v.length);
        for (int x : v) {
            assertTrue(x >= low && x < high, x + " outside [" + low + ", " + high + ")");
        }
    }

    @Property(tries = 100)
    void uniform53IsInTheUnitIntervalAndOnTheGrid(@ForAll long seed) {
        TorchGenerator g = TorchGenerator.manualSeed(seed);
        for (int i = 0; i < 100; i++) {
            double u = g.uniform53();
            assertTrue(u >= 0 && u < 1, "uniform53 gave " + u);
            assertEquals(u, Math.scalb(Math.scalb(u, 53), -53));
            assertEquals(0.0, Math.scalb(u, 53) % 1.0, "a multiple of 2^-53");
        }
    }

    @Property(tries = 100)
    void randnDrawsAreFloat32Values(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int size) {
        for (double v : TorchGenerator.manualSeed(seed).randn(1, size).toArray()) {
            assertTrue(Double.isFinite(v) && (double) (float) v == v, v + " is not a finite float32 value");
        }
    }

    static final int DRAWS = 100_000;
    /** Five standard errors: a false alarm has probability below 6e-7 per comparison. */
    static final double Z = 5.0;

    /**
     * The small-tensor path (double Box-Muller with the cached second value) and the 16-block path
     * (float Box-Muller) both draw N(0, 1): over 10^5 draws each, the sample mean lies within 5
     * standard errors of 0, where SE(mean) = 1/sqrt(n) = 0.0032, so |mean| < 0.016; the sample
     * variance lies within 5 SE of 1, where SE(var) = sqrt(2/(n-1)) = 0.0045 for a normal, so
     * |var - 1| < 0.023; and the two paths' means and variances differ by less than 5 standard errors
     * of a difference (sqrt 2 times those: 0.023 and 0.032).
     */
    @Property(tries = 8)
    void smallAndBlockRandnPathsAgreeInDistribution(@ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        TorchGenerator g = TorchGenerator.manualSeed(seed);
        double[] small = new double[DRAWS];
        for (int i = 0; i < DRAWS; i += 5) {    // randn(5): odd sizes exercise the cached value
            float[] d = g.randnFloat32(5);
            for (int j = 0; j < 5; j++) {
                small[i + j] = d[j];
            }
        }
        double[] block = g.randn(1, DRAWS + 7).toArray(); // includes the recomputed tail block
        double[] a = meanVar(small);
        double[] b = meanVar(Arrays.copyOf(block, DRAWS));
        double seMean = 1.0 / Math.sqrt(DRAWS);
        double seVar = Math.sqrt(2.0 / (DRAWS - 1));
        for (double[] mv : new double[][] {a, b}) {
            assertTrue(Math.abs(mv[0]) < Z * seMean, "mean " + mv[0]);
            assertTrue(Math.abs(mv[1] - 1) < Z * seVar, "variance " + mv[1]);
        }
        assertTrue(Math.abs(a[0] - b[0]) < Z * Math.sqrt(2) * seMean, "means " + a[0] + " and " + b[0]);
        assertTrue(Math.abs(a[1] - b[1]) < Z * Math.sqrt(2) * seVar, "variances " + a[1] + " and " + b[1]);
    }

    private static double[] meanVar(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, ss / (x.length - 1)};
    }
}
