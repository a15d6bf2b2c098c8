package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notebook's own numbers, reproduced from names.txt. */
class NotebookSetupTest {

    static List<String> words;
    static NotebookSetup setup;

    @BeforeAll
    static void readNames() {
        words = Names.read(DataFile.locate(Optional.empty()));
        setup = NotebookSetup.build(NotebookSetup.Config.notebook(), words);
    }

    @Test
    void seed42ShufflesNamesLikePython() {
        List<String> shuffled = setup.split().train();
        assertEquals(List.of("yuheng", "diondre", "xavien", "jori", "juanluis"), shuffled.subList(0, 5));
        List<String> test = setup.split().test();
        assertEquals(List.of("opal", "zaylynn", "yovani"), test.subList(test.size() - 3, test.size()));
        assertEquals(words.size(), shuffled.size() + setup.split().dev().size() + test.size());
    }

    @Test
    void splitSizesMatchTheNotebook() {
        assertEquals(32033, words.size());
        assertEquals(27, setup.vocab().size());
        assertEquals("182625 22655 22866", setup.data().sizes());
        assertEquals(3, setup.data().train().block());
    }

    @Test
    void parametersHaveTheNotebookShapesAndCount() {
        Params p = setup.params();
        assertEquals(new Shape(27, 10), p.C().shape());
        assertEquals(new Shape(30, 64), p.W1().shape());
        assertEquals(new Shape(1, 64), p.b1().shape());
        assertEquals(new Shape(64, 27), p.W2().shape());
        assertEquals(new Shape(1, 27), p.b2().shape());
        assertEquals(Matrix.full(1, 64, (double) 1.1f), p.bngain());
        assertEquals(Matrix.zeros(1, 64), p.bnbias());
        assertEquals(4137, p.count());
    }

    @Test
    void parametersAreTheScaledDrawsInOrder() {
        TorchGenerator g = TorchGenerator.manualSeed(NotebookSetup.NOTEBOOK_TORCH_SEED);
        Params p = setup.params();
        assertEquals(g.randn(27, 10), p.C());
        float root = (float) Math.sqrt(30);
        assertEquals(g.randn(30, 64).map(x -> (float) x * (float) (5.0 / 3.0) / root), p.W1());
        assertEquals(g.randn(1, 64).map(x -> (float) x * 0.1f), p.b1());
        assertEquals(g.randn(64, 27).map(x -> (float) x * 0.1f), p.W2());
        assertEquals(g.randn(1, 27).map(x -> (float) x * 0.1f), p.b2());
        // the scaled values are float32 numbers, as in torch
        assertTrue(Arrays.stream(p.W1().toArray()).allMatch(x -> (double) (float) x == x));
    }

    @Test
    void firstMinibatchIsTheNotebooksRandintAfterTheParameters() {
        TorchGenerator g = TorchGenerator.manualSeed(NotebookSetup.NOTEBOOK_TORCH_SEED);
        NotebookInit.EXERCISE_1.init(g, 27, 10, 64, 3);
        int[] ix = g.randint(0, 182625, 32);
        assertArrayEquals(new int[] {120000, 157809, 82137, 69514, 73004}, Arrays.copyOf(ix, 5));
        assertEquals(setup.data().train().select(ix), setup.batch());
        assertEquals(new Shape(32, 3), setup.batch().x().shape());
        assertEquals(32, setup.batch().y().length);
    }

    /**
     * The reference's float64 forward on the notebook's parameters gives 3.3481979571242335. Our
     * parameters agree with torch's to a couple of float32 ulps (about 1e-7 relative), so the loss
     * agrees to about that: 1e-7 is the tolerance (we see a difference of about 4e-9).
     */
    @Test
    void initialLossMatchesTheNotebook() {
        double loss = setup.initialLoss();
        assertEquals(3.3481979571242335, loss, 1e-7);
        assertEquals("3.348198", String.format(java.util.Locale.ROOT, "%.6f", loss));
    }

    @Test
    void exercise4DrawsBatchNormGainAndBiasRightAfterB2() {
        NotebookSetup s4 = NotebookSetup.build(NotebookSetup.Config.exercise4(), words);
        Params p = s4.params();
        assertEquals(new Shape(30, 200), p.W1().shape());
        TorchGenerator g = TorchGenerator.manualSeed(NotebookSetup.NOTEBOOK_TORCH_SEED);
        for (int[] shape : new int[][] {{27, 10}, {30, 200}, {1, 200}, {200, 27}, {1, 27}}) {
            g.randn(shape[0], shape[1]);
        }
        assertEquals(g.randn(1, 200).map(x -> (float) x * 0.1f + 1.0f), p.bngain());
        assertEquals(g.randn(1, 200).map(x -> (float) x * 0.1f), p.bnbias());
        assertEquals(27 * 10 + 30 * 200 + 200 + 200 * 27 + 27 + 2 * 200, p.count());
        assertEquals(s4.data().train().select(g.randint(0, 182625, 32)), s4.batch());
        assertTrue(Double.isFinite(s4.initialLoss()));
    }
}
