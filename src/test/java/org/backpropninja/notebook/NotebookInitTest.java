package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.junit.jupiter.api.Test;

/**
 * The initialisation recipes beyond the notebook's own figures (those are in NotebookSetupTest):
 * the smallest sizes, the guards, Exercise 1's constant batchnorm parameters, and that Exercise 4 draws
 * them from the same generator.
 */
class NotebookInitTest {

    @Test
    void sizesOfOneAreTheSmallestAccepted() {
        for (NotebookInit recipe : NotebookInit.values()) {
            Params p = recipe.init(TorchGenerator.manualSeed(3), 1, 1, 1, 1);
            assertEquals(new Shape(1, 1), p.C().shape());
            assertEquals(new Shape(1, 1), p.W1().shape());
            assertEquals(7, p.count());
            int[][] zeroed = {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}};
            for (int[] z : zeroed) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> recipe.init(TorchGenerator.manualSeed(3), z[0], z[1], z[2], z[3]));
                assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
            }
        }
    }

    @Test
    void theNotebooksHiddenWidths() {
        assertEquals(64, NotebookInit.EXERCISE_1.notebookHidden());
        assertEquals(200, NotebookInit.EXERCISE_4.notebookHidden());
    }

    @Test
    void exercise1HasConstantBatchNormParametersAndExercise4DrawsThem() {
        Params one = NotebookInit.EXERCISE_1.init(TorchGenerator.manualSeed(5), 6, 2, 4, 3);
        assertEquals(Matrix.full(1, 4, (double) (1.0f * 0.1f + 1.0f)), one.bngain());
        assertEquals(Matrix.zeros(1, 4), one.bnbias());
        Params four = NotebookInit.EXERCISE_4.init(TorchGenerator.manualSeed(5), 6, 2, 4, 3);
        assertEquals(one.C(), four.C(), "the same draws up to b2");
        assertEquals(one.b2(), four.b2());
        for (int j = 0; j < 4; j++) {
            double gain = four.bngain().get(0, j);
            double bias = four.bnbias().get(0, j);
            assertTrue(Math.abs(gain - 1) < 0.6 && gain != 1.0 && Math.abs(bias) < 0.6 && bias != 0, four.toString());
            assertEquals((double) (float) gain, gain, "float32 values");
        }
        assertNotEquals(four.bngain(), four.bnbias().plus(1.0), "gain and bias are separate draws");
    }

    @Test
    void w1IsScaledByFiveThirdsOverTheRootOfTheFanIn() {
        TorchGenerator g = TorchGenerator.manualSeed(9);
        float[] c = g.randnFloat32(6 * 2);
        float[] w1 = g.randnFloat32(6 * 4);
        Params p = NotebookInit.EXERCISE_4.init(TorchGenerator.manualSeed(9), 6, 2, 4, 3);
        float root = (float) Math.sqrt(6);
        assertEquals((double) c[5], p.C().get(2, 1));
        for (int k = 0; k < w1.length; k++) {
            float expected = (w1[k] * (float) (5.0 / 3.0)) / root;
            assertEquals((double) expected, p.W1().get(k / 4, k % 4), "W1 element " + k);
        }
    }
}
