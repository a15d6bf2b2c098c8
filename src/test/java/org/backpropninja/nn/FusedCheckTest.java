package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropninja.matrix.Matrix;
import org.junit.jupiter.api.Test;

/** The printed fused-against-staged rows judge honestly: their bounds reject a real slip. */
class FusedCheckTest {

    @Test
    void aBatchnormBackwardWithoutBesselsFactorBreaksTheBound() {
        java.util.Random r = new java.util.Random(4);
        int n = 8;
        int h = 5;
        Matrix x = Matrix.generate(n, h, (i, j) -> r.nextGaussian());
        Matrix gain = Matrix.generate(1, h, (i, j) -> 1 + 0.2 * r.nextGaussian());
        Matrix bias = Matrix.generate(1, h, (i, j) -> 0.1 * r.nextGaussian());
        Matrix dout = Matrix.generate(n, h, (i, j) -> r.nextGaussian());
        BatchNorm.Forward f = BatchNorm.forward(x, gain, bias);
        Matrix right = BatchNorm.backward(f, dout).dx();
        // the same closed form with n/(n-1) dropped
        Matrix s1 = dout.sum(0);
        Matrix s2 = dout.columnDot(f.bnraw());
        Matrix wrong = dout.scale(n).sub(s1).sub(f.bnraw().mul(s2))
                .mul(gain.mul(f.bnvarInv()).scale(1.0 / n));
        Matrix bound = FusedCheck.batchNormBound(f, dout);
        double worstWrong = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h; j++) {
                worstWrong = Math.max(worstWrong, Math.abs(wrong.get(i, j) - right.get(i, j)) / bound.get(i, j));
            }
        }
        assertTrue(worstWrong > 1e6, "the slip is many orders above the bound: " + worstWrong);
    }
}
