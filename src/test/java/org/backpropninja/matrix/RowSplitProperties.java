package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.Tuple.Tuple4;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * Splitting a kernel's rows between two threads never changes a bit: each product, affine map,
 * tanh, element-wise pass and softmax equals the same kernel run on one thread, for shapes around
 * the split thresholds and with odd row counts (so the halves hold blocks of four and single rows
 * in different places).
 */
class RowSplitProperties {

    /** (n, k, m) with n*k*m mostly above the split threshold. */
    @Provide
    Arbitrary<Tuple3<Matrix, Matrix, Matrix>> large() {
        return Combinators.combine(Arbitraries.integers().between(2, 33), Arbitraries.integers().between(20, 120),
                        Arbitraries.integers().between(1, 40))
                .as(Tuple::of)
                .flatMap(d -> Combinators.combine(
                        MatrixArbitraries.matrix(new Shape(d.get1(), d.get2()), -2, 2),
                        MatrixArbitraries.matrix(new Shape(d.get2(), d.get3()), -2, 2),
                        MatrixArbitraries.matrix(new Shape(1, d.get3()), -1, 1)).as(Tuple::of));
    }

    /** (n, m) activations with n*m mostly above the element-wise passes' split threshold, a second of their shape, and two rows. */
    @Provide
    Arbitrary<Tuple4<Matrix, Matrix, Matrix, Matrix>> activations() {
        return Combinators.combine(Arbitraries.integers().between(2, 40), Arbitraries.integers().between(100, 260))
                .as(Tuple::of)
                .flatMap(d -> Combinators.combine(
                        MatrixArbitraries.matrix(new Shape(d.get1(), d.get2()), -3, 3),
                        MatrixArbitraries.matrix(new Shape(d.get1(), d.get2()), -2, 2),
                        MatrixArbitraries.matrix(new Shape(1, d.get2()), 0.5, 2),
                        MatrixArbitraries.matrix(new Shape(1, d.get2()), -1, 1)).as(Tuple::of));
    }

    static <T> T singleThreaded(Supplier<T> f) {
        boolean before = RowSplit.enabled;
        RowSplit.enabled = false;
        try {
            return f.get();
        } finally {
            RowSplit.enabled = before;
        }
    }

    static <T> T split(Supplier<T> f) {
        boolean before = RowSplit.enabled;
        RowSplit.enabled = true;
        try {
            return f.get();
        } finally {
            RowSplit.enabled = before;
        }
    }

    @Property(tries = 100)
    void splitKernelsGiveTheSameBitsAsOneThread(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix a = t.get1();
        Matrix w = t.get2();
        Matrix bias = t.get3();
        Matrix wt = w.transpose();
        Matrix at = a.transpose();
        assertEquals(singleThreaded(() -> a.matmul(w)), split(() -> a.matmul(w)));
        assertEquals(singleThreaded(() -> a.affine(w, bias)), split(() -> a.affine(w, bias)));
        assertEquals(singleThreaded(() -> at.transposeMatmul(w)), split(() -> at.transposeMatmul(w)));
        assertEquals(singleThreaded(() -> a.matmulTranspose(wt)), split(() -> a.matmulTranspose(wt)));
        assertEquals(singleThreaded(() -> a.tanh()), split(() -> a.tanh()));
    }

    @Property(tries = 60)
    void splitElementWisePassesGiveTheSameBitsAsOneThread(
            @ForAll("activations") Tuple4<Matrix, Matrix, Matrix, Matrix> t) {
        Matrix x = t.get1();
        Matrix y = t.get2();
        Matrix scale = t.get3();
        Matrix shift = t.get4();
        java.util.List<Supplier<Object>> passes = java.util.List.of(
                () -> x.addScaled(y, -0.1),
                () -> x.subMul(shift, scale),
                () -> x.mulAdd(scale, shift),
                () -> x.mulAdd(y, shift),
                () -> x.combine(3.0, y, shift, scale.neg(), scale),
                () -> x.tanhBackward(y),
                () -> x.softmaxRows());
        for (Supplier<Object> pass : passes) {
            assertEquals(singleThreaded(pass), split(pass));
        }
    }

    @Property(tries = 50)
    void twoComputationsSideBySideGiveTheBitsOfOneAfterTheOther(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix a = t.get1();
        Matrix w = t.get2();
        Matrix at = a.transpose();
        Concurrently.Pair one = singleThreaded(() -> Concurrently.both(() -> a.matmul(w), () -> at.transposeMatmul(w)));
        Concurrently.Pair two = split(() -> Concurrently.both(() -> a.matmul(w), () -> at.transposeMatmul(w)));
        assertEquals(a.matmul(w), one.first());
        assertEquals(at.transposeMatmul(w), one.second());
        assertEquals(one, two);
    }

    @net.jqwik.api.Example
    void theHelperReallyRunsTheSecondComputation() {
        Matrix a = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j));
        Matrix w = Matrix.generate(200, 27, (i, j) -> Math.cos(0.3 * i - j));
        Thread caller = Thread.currentThread();
        boolean[] elsewhere = new boolean[1];
        split(() -> {
            for (int r = 0; r < 2000 && !elsewhere[0]; r++) {
                Concurrently.both(() -> a.matmul(w), () -> {
                    elsewhere[0] |= Thread.currentThread() != caller;
                    return w.transpose();
                });
            }
            return null;
        });
        org.junit.jupiter.api.Assertions.assertTrue(elsewhere[0], "the second computation never ran on the helper");
    }

    @Property(tries = 20)
    void anExceptionInEitherComputationReachesTheCaller(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix a = t.get1();
        for (int bad = 0; bad < 2; bad++) {
            boolean firstFails = bad == 0;
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> split(() -> Concurrently.both(
                            () -> {
                                if (firstFails) {
                                    throw new IllegalStateException("first");
                                }
                                return a;
                            },
                            () -> {
                                if (!firstFails) {
                                    throw new IllegalStateException("second");
                                }
                                return a;
                            })));
            assertEquals(firstFails ? "first" : "second", e.getMessage());
        }
    }

    @net.jqwik.api.Example
    void theHelperReallyTakesHalves() {
        // Without these the bit-equalities above could hold because nothing was ever split.
        Matrix a = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j));
        Matrix w = Matrix.generate(200, 27, (i, j) -> Math.cos(0.3 * i - j));
        Matrix b = Matrix.generate(32, 200, (i, j) -> Math.cos(0.3 * i - j));
        assertTheHelperJoins("a product", () -> a.matmul(w));
        assertTheHelperJoins("an element-wise pass", () -> a.tanhBackward(b));
    }

    private static void assertTheHelperJoins(String what, Runnable kernel) {
        long before = RowSplit.HELPED.get();
        split(() -> {
            for (int r = 0; r < 2000 && RowSplit.HELPED.get() == before; r++) {
                kernel.run();
            }
            return null;
        });
        org.junit.jupiter.api.Assertions.assertTrue(RowSplit.HELPED.get() > before,
                "the helper never ran a half of " + what);
    }

    @Property(tries = 20)
    void anExceptionInEitherHalfReachesTheCaller(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        int n = t.get1().rows();
        for (int bad : new int[] {0, n - 1}) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> split(() -> {
                        RowSplit.run(n, Long.MAX_VALUE, (from, to) -> {
                            if (bad >= from && bad < to) {
                                throw new IllegalStateException("row " + bad);
                            }
                        });
                        return null;
                    }));
            assertEquals("row " + bad, e.getMessage());
        }
    }
}
