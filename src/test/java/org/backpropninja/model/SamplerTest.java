package org.backpropninja.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.testing.Models;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void drawIsTheInverseCdf() {
        double[] p = {0.1, 0.0, 0.6, 0.3};
        assertEquals(0, Sampler.draw(p, 0.0));
        assertEquals(0, Sampler.draw(p, 0.0999));
        assertEquals(2, Sampler.draw(p, 0.1), "a zero-probability index is never drawn");
        assertEquals(2, Sampler.draw(p, 0.6999));
        assertEquals(3, Sampler.draw(p, 0.7));
        assertEquals(3, Sampler.draw(p, 0.99999999));
        assertEquals(2, Sampler.draw(new double[] {0.2, 0.3, 0.5 - 1e-12, 0.0}, 0.9999999999999),
                "rounding short of 1 falls back to the last positive probability");
    }

    @Test
    void drawsFollowTheProbabilities() {
        double[] p = {0.2, 0.5, 0.3};
        TorchGenerator g = TorchGenerator.manualSeed(5);
        int[] counts = new int[3];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[Sampler.draw(p, g.uniform53())]++;
        }
        for (int k = 0; k < 3; k++) {
            double se = Math.sqrt(p[k] * (1 - p[k]) / n);
            assertTrue(Math.abs(counts[k] / (double) n - p[k]) < 5 * se, "index " + k + ": " + counts[k]);
        }
    }

    @Test
    void sameModelSameSeedSameNames() {
        Model m = Models.fiveTokens(3);
        List<String> a = Sampler.sample(m, TorchGenerator.manualSeed(9), 10);
        List<String> b = Sampler.sample(m, TorchGenerator.manualSeed(9), 10);
        assertEquals(a, b);
        assertEquals(10, a.size());
        for (String name : a) {
            assertTrue(name.length() <= Sampler.MAX_LENGTH && !name.contains("."), name);
        }
    }
}
