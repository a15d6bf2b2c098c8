package org.backpropninja.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.backpropninja.data.Dataset;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.junit.jupiter.api.Test;

/**
 * The chunked, parallel evaluation equals the plain whole-matrix computation of the layers (up to
 * the order of additions), and its bits do not depend on the thread count.
 */
class EvaluatorTest {

    static final int VOCAB = 7;
    static final int EMBD = 3;
    static final int BLOCK = 2;
    static final int HIDDEN = 5;
    /** More rows than two chunks, not a multiple of the chunk size. */
    static final int N = 2 * Evaluator.CHUNK + 1234;

    static Params params(Random r) {
        Matrix.IndexFunction g = (i, j) -> r.nextGaussian() * 0.5;
        return new Params(Matrix.generate(VOCAB, EMBD, g), Matrix.generate(BLOCK * EMBD, HIDDEN, g),
                Matrix.generate(1, HIDDEN, g), Matrix.generate(HIDDEN, VOCAB, g), Matrix.generate(1, VOCAB, g),
                Matrix.generate(1, HIDDEN, (i, j) -> 1 + 0.1 * r.nextGaussian()), Matrix.generate(1, HIDDEN, g));
    }

    static Dataset data(Random r) {
        int[] x = r.ints(N * BLOCK, 0, VOCAB).toArray();
        int[] y = r.ints(N, 0, VOCAB).toArray();
        return new Dataset(IntMatrix.of(N, BLOCK, x), y);
    }

    /** |a - b| <= 1e-12 * max(1, |b|), element by element: summation order only. */
    static void assertClose(Matrix a, Matrix b) {
        for (int j = 0; j < b.cols(); j++) {
            double want = b.get(0, j);
            assertTrue(Math.abs(a.get(0, j) - want) <= 1e-12 * Math.max(1, Math.abs(want)),
                    a.get(0, j) + " vs " + want);
        }
    }

    @Test
    void chunkedCalibrationAndLossEqualTheWholeMatrixComputation() {
        Random r = new Random(11);
        Params p = params(r);
        Dataset d = data(r);
        Mlp mlp = Mlp.of(p);
        Matrix hprebn = mlp.hprebn(p, d.x());
        BatchNorm.Stats whole = new BatchNorm.Stats(hprebn.mean(0), hprebn.var(0));
        try (Evaluator eval = new Evaluator(mlp, 2)) {
            BatchNorm.Stats chunked = eval.calibrate(p, d.x());
            assertClose(chunked.mean(), whole.mean());
            assertClose(chunked.var(), whole.var());
            double loss = eval.loss(p, whole, d);
            double expected = mlp.loss(p, whole, d.x(), d.y());
            assertEquals(expected, loss, 1e-12 * expected);
        }
    }

    /** Calibration needs two rows (the unbiased variance) and no more. */
    @Test
    void calibrationAcceptsTwoRowsAndRefusesOne() {
        Random r = new Random(13);
        Params p = params(r);
        Dataset d = data(r);
        try (Evaluator eval = new Evaluator(Mlp.of(p), 1)) {
            BatchNorm.Stats s = eval.calibrate(p, d.x().selectRows(new int[] {0, 1}));
            assertEquals(new Shape(1, p.W1().cols()), s.var().shape());
            IntMatrix one = d.x().selectRows(new int[] {0});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval.calibrate(p, one));
            assertTrue(e.getMessage().contains(one.shape().toString()), e.getMessage());
        }
    }

    @Test
    void theThreadCountNeverChangesABit() {
        Random r = new Random(12);
        Params p = params(r);
        Dataset d = data(r);
        Mlp mlp = Mlp.of(p);
        BatchNorm.Stats s1;
        double l1;
        try (Evaluator eval = new Evaluator(mlp, 1)) {
            s1 = eval.calibrate(p, d.x());
            l1 = eval.loss(p, s1, d);
        }
        for (int threads : new int[] {2, 3, 8}) {
            try (Evaluator eval = new Evaluator(mlp, threads)) {
                BatchNorm.Stats s = eval.calibrate(p, d.x());
                assertEquals(s1, s);
                assertEquals(Double.doubleToRawLongBits(l1), Double.doubleToRawLongBits(eval.loss(p, s, d)));
            }
        }
    }

    /**
     * The progress hook hears every chunk, in order, on the calling thread: chunks(n) per loss pass
     * and two passes' worth for the calibration; and hearing changes no bit.
     */
    @Test
    void theChunkHookHearsEveryChunkAndChangesNoBit() {
        Random r = new Random(12);
        Params p = params(r);
        Dataset d = data(r);
        Mlp mlp = Mlp.of(p);
        long[] heard = {0};
        Thread caller = Thread.currentThread();
        BatchNorm.Stats quiet;
        double quietLoss;
        try (Evaluator eval = new Evaluator(mlp, 2)) {
            quiet = eval.calibrate(p, d.x());
            quietLoss = eval.loss(p, quiet, d);
        }
        try (Evaluator eval = new Evaluator(mlp, 2, () -> {
            assertEquals(caller, Thread.currentThread());
            heard[0]++;
        })) {
            BatchNorm.Stats s = eval.calibrate(p, d.x());
            assertEquals(2 * Evaluator.chunks(d.size()), heard[0]);
            double loss = eval.loss(p, s, d);
            assertEquals(3 * Evaluator.chunks(d.size()), heard[0]);
            assertEquals(quiet, s);
            assertEquals(Double.doubleToRawLongBits(quietLoss), Double.doubleToRawLongBits(loss));
        }
        assertTrue(Evaluator.chunks(d.size()) > 1, "the data spans several chunks: " + d.size());
        assertEquals(0, Evaluator.chunks(0));
        assertEquals(1, Evaluator.chunks(Evaluator.CHUNK));
        assertEquals(2, Evaluator.chunks(Evaluator.CHUNK + 1));
    }
}
