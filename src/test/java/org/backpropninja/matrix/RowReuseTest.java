package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link RowReuse}'s contract: a result computed in step t keeps its values through step t + 1, its
 * rows are handed out again in step t + 2, results never change once the scope is closed, kernels'
 * own scratch rows never come from a pool, and the split's helper draws from the caller's scope
 * with the bits of fresh rows.
 */
class RowReuseTest {

    /** Small enough that nothing splits: every row below comes from this thread's pool. */
    private static final Matrix A = Matrix.generate(6, 5, (i, j) -> Math.sin(1 + i + 0.3 * j));
    private static final Matrix B = Matrix.generate(5, 7, (i, j) -> Math.cos(0.7 * i - j));

    @Test
    void aResultKeepsItsValuesThroughTheNextStepAndItsRowsComeBackTwoStepsLater() {
        Matrix expected = A.matmul(B);
        try (RowReuse rows = RowReuse.open()) {
            Matrix first = A.matmul(B);                      // step 0
            rows.nextStep();
            Matrix second = A.matmul(B.scale(3.0)).tanh();   // step 1: other values in rows of the same length
            assertEquals(expected, first, "a step-0 result during step 1");
            rows.nextStep();
            Matrix third = A.matmul(B);                      // step 2: step 0's work again, in step 0's rows
            for (int i = 0; i < third.rows(); i++) {
                assertSame(first.storage()[i], third.storage()[i], "step 0's row " + i + " is handed out again");
                assertNotSame(second.storage()[i], third.storage()[i]);
            }
            assertEquals(expected, third);
        }
    }

    @Test
    void resultsNeverChangeOnceTheScopeIsClosed() {
        Matrix kept;
        try (RowReuse rows = RowReuse.open()) {
            rows.nextStep();
            kept = A.matmul(B).tanh();
        }
        double[][] copy = kept.toArray2D();
        for (int r = 0; r < 3; r++) {
            A.matmul(B.scale(r + 3.0)).tanh();
        }
        try (RowReuse rows = RowReuse.open()) {
            for (int s = 0; s < 4; s++) {
                rows.nextStep();
                A.matmul(B.scale(s + 5.0)).tanh();
            }
        }
        assertArrayEquals(copy, kept.toArray2D());
    }

    @Test
    void aKernelsScratchRowsNeverComeFromAPool() throws Exception {
        // a @ b^T transposes b into scratch rows the thread keeps; were they a pool's, a later step's
        // results would be drawn from them while they hold an operand. On a new thread, whose scratch
        // rows are all made inside the scope.
        Matrix bt = B.transpose();
        Matrix expected = A.matmulTranspose(bt);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (RowReuse rows = RowReuse.open()) {
                for (int s = 0; s < 6; s++) {
                    rows.nextStep();
                    Matrix got = A.matmulTranspose(bt);
                    A.matmul(B).tanh();
                    assertEquals(expected, got, "step " + s);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
    }

    @Test
    void theHelperDrawsFromTheCallersScopeWithTheBitsOfFreshRows() {
        RowSplit split = RowSplit.withOwnHelper();
        double[][] a = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j)).storage();
        double[][] w = Matrix.generate(200, 60, (i, j) -> Math.cos(0.3 * i - j)).storage();
        double[][] expected = Products.times(RowSplit.alone(), a, w, 60, null);
        long before = split.helped();
        try (RowReuse rows = RowReuse.open()) {
            for (int s = 0; s < 400; s++) {
                rows.nextStep();
                double[][] got = Products.times(split, a, w, 60, null);
                FusedPasses.tanhBackward(split, got, got);     // more rows of the step, both threads
                for (int i = 0; i < got.length; i++) {
                    assertArrayEquals(expected[i], got[i], "step " + s + ", row " + i);
                }
            }
        }
        assertTrue(split.helped() > before, "the helper took part");
    }

    @Test
    void aScopeBelongsToTheThreadThatOpenedIt() throws Exception {
        try (RowReuse rows = RowReuse.open()) {
            assertThrows(IllegalStateException.class, RowReuse::open, "one scope at a time on a thread");
            AtomicReference<Throwable> elsewhere = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    rows.nextStep();
                } catch (Throwable e) {
                    elsewhere.set(e);
                }
            });
            t.start();
            t.join();
            assertTrue(elsewhere.get() instanceof IllegalStateException, "nextStep from another thread");
        }
        RowReuse.open().close();   // closed: a new scope opens
    }
}
