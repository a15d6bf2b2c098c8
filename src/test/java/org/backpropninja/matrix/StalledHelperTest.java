package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import net.jqwik.api.Example;

/**
 * A helper the host has taken off its core never holds up the caller: with the helper stalled
 * right after it took an offer, or after it started a split's back blocks and before it took one,
 * every split kernel completes on the caller alone, with the bits of one thread: among them a
 * product's backward, whose two products share one split, and the updates of several matrices. The stall is a hook of the instance made here ({@link RowSplit.Pause}), so
 * no other test's helper is touched; a kernel that waited for the stalled helper would hang and
 * fail the time limit.
 */
class StalledHelperTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** Tries for the helper to reach the stall: it takes an offer only when the caller is slower. */
    private static final int TRIES = 5000;

    private static final double[][] A = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j)).storage();
    private static final double[][] W = Matrix.generate(200, 27, (i, j) -> Math.cos(0.3 * i - j)).storage();
    private static final double[][] B = Matrix.generate(32, 200, (i, j) -> Math.cos(0.7 * i + j)).storage();
    /** Layer 1's and layer 2's x, w and dout: the backward's products, long and short output rows. */
    private static final Matrix X1 = Matrix.generate(32, 30, (i, j) -> Math.sin(0.2 * i - j));
    private static final Matrix W1 = Matrix.generate(30, 200, (i, j) -> Math.cos(i + 0.05 * j));
    private static final Matrix X2 = Matrix.wrap(32, 200, A);
    private static final Matrix W2 = Matrix.wrap(200, 27, W);

    /** A helper that stops at the first time it comes to {@code where}, until released. */
    private static final class Stall implements RowSplit.Pause {
        private final RowSplit.Point where;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Stall(RowSplit.Point where) {
            this.where = where;
        }

        @Override
        public void at(RowSplit.Point point) {
            if (point == where && reached.getCount() > 0) {
                reached.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        boolean isStalled() {
            return reached.getCount() == 0;
        }
    }

    @Example
    void aSplitKernelCompletesWhileTheHelperIsStalledBeforeStartingIt() {
        splitKernelsCompleteOnTheCaller(RowSplit.Point.TAKEN);
    }

    @Example
    void aSplitKernelCompletesWhileTheHelperIsStalledBetweenBlocks() {
        splitKernelsCompleteOnTheCaller(RowSplit.Point.BLOCK);
    }

    private static void splitKernelsCompleteOnTheCaller(RowSplit.Point where) {
        Stall stall = new Stall(where);
        RowSplit split = RowSplit.withPausingHelper(stall);
        Function<RowSplit, double[][]> product = s -> Products.times(s, A, W, 27, null);
        Function<RowSplit, double[][]> pass = s -> FusedPasses.tanhBackward(s, A, B);
        Function<RowSplit, List<Matrix>> backward = s -> {
            MatmulGrads g1 = Fused.matmulBackward(s, X1, W1, Matrix.wrap(32, 200, B));
            MatmulGrads g2 = Fused.matmulBackward(s, X2, W2, X2.matmul(W2));
            return List.of(g1.dx(), g1.dw(), g2.dx(), g2.dw());
        };
        double[][] productAlone = product.apply(RowSplit.alone());
        double[][] passAlone = pass.apply(RowSplit.alone());
        List<Matrix> backwardAlone = backward.apply(RowSplit.alone());
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                for (int r = 0; r < TRIES && !stall.isStalled(); r++) {
                    assertTrue(RowArrays.equal(productAlone, product.apply(split)), "a split product changed bits");
                    assertTrue(RowArrays.equal(passAlone, pass.apply(split)), "a split pass changed bits");
                    assertEquals(backwardAlone, backward.apply(split), "a split backward changed bits");
                }
                assertTrue(stall.isStalled(), "the helper never came to the stall, so nothing was shown");
                for (int r = 0; r < 100; r++) {         // the helper stays stalled through all of these
                    assertTrue(RowArrays.equal(productAlone, product.apply(split)),
                            "a product with the helper stalled changed bits");
                    assertTrue(RowArrays.equal(passAlone, pass.apply(split)),
                            "a pass with the helper stalled changed bits");
                    assertEquals(backwardAlone, backward.apply(split),
                            "a product's backward with the helper stalled changed bits");
                }
            }, "a split kernel waited for a stalled helper");
        } finally {
            stall.release.countDown();
        }
        long before = split.helped();
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int r = 0; r < TRIES && split.helped() == before; r++) {
                assertTrue(RowArrays.equal(productAlone, product.apply(split)), "a split product changed bits");
            }
        });
        assertTrue(split.helped() > before, "the released helper never joined again");
    }

    @Example
    void theUpdatesOfSeveralMatricesCompleteWhileTheHelperIsStalledBeforeStartingThem() {
        Stall stall = new Stall(RowSplit.Point.TAKEN);
        RowSplit split = RowSplit.withPausingHelper(stall);
        List<Matrix> params = List.of(X1, W1, X2, W2);
        List<Matrix> grads = List.of(X1.tanh(), W1.tanh(), X2.tanh(), W2.tanh());
        List<Matrix> expected = Fused.addScaledEach(RowSplit.alone(), params, grads, -0.1);
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                for (int r = 0; r < TRIES && !stall.isStalled(); r++) {
                    assertEquals(expected, Fused.addScaledEach(split, params, grads, -0.1));
                }
                assertTrue(stall.isStalled(), "the helper never came to the stall, so nothing was shown");
                for (int r = 0; r < 100; r++) {
                    assertEquals(expected, Fused.addScaledEach(split, params, grads, -0.1),
                            "updates beside a stalled helper changed bits");
                }
            }, "the updates waited for a stalled helper");
        } finally {
            stall.release.countDown();
        }
    }
}
