package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
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
 * in different places); so do the kernels that share one split. The kernels are run
 * through instances of the split made here, so no switch another test sees is touched.
 */
class RowSplitProperties {

    /** Splits whenever a kernel is large enough, on a helper thread of its own. */
    private static final RowSplit SPLIT = RowSplit.withOwnHelper();
    /** Never splits. */
    private static final RowSplit ALONE = RowSplit.alone();

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

    /** A matrix around rows a kernel returned. */
    private static Matrix m(double[][] rows) {
        return Matrix.wrap(rows.length, rows[0].length, rows);
    }

    /** The kernel run alone and split: the same bits, and the first of them returned. */
    private static <T> T sameBitsSplitOrNot(Function<RowSplit, T> kernel) {
        T alone = kernel.apply(ALONE);
        assertEquals(alone, kernel.apply(SPLIT));
        return alone;
    }

    @Property(tries = 100)
    void splitKernelsGiveTheSameBitsAsOneThread(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix a = t.get1();
        Matrix w = t.get2();
        Matrix bias = t.get3();
        Matrix wt = w.transpose();
        Matrix at = a.transpose();
        int m = w.cols();
        assertEquals(a.matmul(w),
                sameBitsSplitOrNot(s -> m(Products.times(s, a.storage(), w.storage(), m, null))));
        assertEquals(Fused.affine(a, w, bias),
                sameBitsSplitOrNot(s -> m(Products.times(s, a.storage(), w.storage(), m, bias.storage()[0]))));
        assertEquals(at.transposeMatmul(w),
                sameBitsSplitOrNot(s -> m(Products.transposeTimes(s, at.storage(), w.storage()))));
        assertEquals(a.matmulTranspose(wt),
                sameBitsSplitOrNot(s -> m(Products.timesTransposed(s, a.storage(), wt.storage()))));
        assertEquals(a.tanh(), sameBitsSplitOrNot(s -> m(ElementWise.tanh(s, a.storage()))));
    }

    @Property(tries = 60)
    void splitElementWisePassesGiveTheSameBitsAsOneThread(
            @ForAll("activations") Tuple4<Matrix, Matrix, Matrix, Matrix> t) {
        double[][] x = t.get1().storage();
        double[][] y = t.get2().storage();
        double[][] scale = t.get3().storage();
        double[][] shift = t.get4().storage();
        double[][] negScale = t.get3().neg().storage();
        List<Function<RowSplit, Object>> passes = List.of(
                s -> m(FusedPasses.addScaled(s, x, y, -0.1)),
                s -> m(FusedPasses.subThenMul(s, x, shift, scale)),
                s -> m(FusedPasses.mulThenAdd(s, x, scale, shift)),
                s -> m(FusedPasses.mulThenAdd(s, x, y, shift)),
                s -> m(FusedPasses.scaleAddAffineMul(s, x, 3.0, y, shift, negScale, scale)),
                s -> m(FusedPasses.tanhBackward(s, x, y)),
                s -> m(StandardizedPasses.mulThenAdd(s, x, shift, scale, scale, shift)),
                s -> m(StandardizedPasses.scaleAddAffineMul(s, x, 3.0, y, shift, scale, shift, negScale, scale)),
                s -> FusedPasses.softmaxRows(s, x));
        for (Function<RowSplit, Object> pass : passes) {
            sameBitsSplitOrNot(pass);
        }
    }

    @Property(tries = 50)
    void computationsSideBySideGiveTheBitsOfOneAfterTheOther(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        Matrix x = t.get1();
        Matrix w = t.get2();
        Matrix dout = x.matmul(w).tanh();
        MatmulGrads g = sameBitsSplitOrNot(s -> Fused.matmulBackward(s, x, w, dout));
        assertEquals(dout.matmulTranspose(w), g.dx());
        assertEquals(x.transposeMatmul(dout), g.dw());
        List<Matrix> params = List.of(w, x, t.get3(), dout);
        List<Matrix> grads = List.of(w.tanh(), x.tanh(), t.get3().tanh(), dout.tanh());
        List<Matrix> updated = sameBitsSplitOrNot(s -> Fused.addScaledEach(s, params, grads, -0.1));
        for (int i = 0; i < params.size(); i++) {
            assertEquals(Fused.addScaled(params.get(i), grads.get(i), -0.1), updated.get(i));
        }
    }

    @net.jqwik.api.Example
    void theHelperReallyRunsTheLastKernelsOfOneSplit() {
        Matrix a = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j));
        Matrix w = Matrix.generate(200, 27, (i, j) -> Math.cos(0.3 * i - j));
        Thread caller = Thread.currentThread();
        boolean[] elsewhere = new boolean[1];
        for (int r = 0; r < 2000 && !elsewhere[0]; r++) {
            RowPlan.inOneSplit(SPLIT, List.of(
                    RowPlan.of(32, 100_000, (from, to) -> { }, () -> null),
                    RowPlan.of(8, 100_000, (from, to) -> elsewhere[0] |= Thread.currentThread() != caller,
                            () -> null)));
        }
        assertTrue(elsewhere[0], "the last kernel's rows never ran on the helper");
        Matrix dout = a.matmul(w);
        assertTheHelperJoins("the backward of a product", () -> Fused.matmulBackward(SPLIT, a, w, dout));
        assertTheHelperJoins("the updates of several matrices",
                () -> Fused.addScaledEach(SPLIT, List.of(a, w), List.of(a, w), -0.1));
    }

    @Property(tries = 20)
    void anExceptionInAnyKernelOfOneSplitReachesTheCaller(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        int n = t.get1().rows();
        for (int bad = 0; bad < 2; bad++) {
            boolean firstFails = bad == 0;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RowPlan.inOneSplit(SPLIT,
                    List.of(RowPlan.of(n, Long.MAX_VALUE / 4, (from, to) -> {
                        if (firstFails && to == n) {
                            throw new IllegalStateException("first");
                        }
                    }, () -> null), RowPlan.of(n, Long.MAX_VALUE / 4, (from, to) -> {
                        if (!firstFails && from == 0) {
                            throw new IllegalStateException("second");
                        }
                    }, () -> null))));
            assertEquals(firstFails ? "first" : "second", e.getMessage());
        }
    }

    @net.jqwik.api.Example
    void theHelperReallyTakesHalves() {
        // Without these the bit-equalities above could hold because nothing was ever split.
        double[][] a = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j)).storage();
        double[][] w = Matrix.generate(200, 27, (i, j) -> Math.cos(0.3 * i - j)).storage();
        double[][] b = Matrix.generate(32, 200, (i, j) -> Math.cos(0.3 * i - j)).storage();
        assertTheHelperJoins("a product", () -> Products.times(SPLIT, a, w, 27, null));
        assertTheHelperJoins("an element-wise pass", () -> FusedPasses.tanhBackward(SPLIT, a, b));
    }

    @net.jqwik.api.Example
    void theInstanceThatNeverSplitsRunsEverythingOnTheCaller() {
        double[][] a = Matrix.generate(32, 200, (i, j) -> Math.sin(i + 0.1 * j)).storage();
        double[][] w = Matrix.generate(200, 27, (i, j) -> Math.cos(0.3 * i - j)).storage();
        Thread caller = Thread.currentThread();
        boolean[] elsewhere = new boolean[1];
        for (int r = 0; r < 200; r++) {
            Products.times(ALONE, a, w, 27, null);
            RowPlan.inOneSplit(ALONE, List.of(RowPlan.of(32, Long.MAX_VALUE / 4, (from, to) -> { }, () -> null),
                    RowPlan.of(32, Long.MAX_VALUE / 4, (from, to) -> elsewhere[0] |= Thread.currentThread() != caller,
                            () -> null)));
            ALONE.run(32, Long.MAX_VALUE, (from, to) -> elsewhere[0] |= Thread.currentThread() != caller);
        }
        assertTrue(!elsewhere[0] && ALONE.helped() == 0, "the instance that never splits handed work to a helper");
    }

    /**
     * Runs the kernel until the helper has run a half of one. A loaded host may leave the helper off
     * its core for a while, during which every half is claimed back by the caller, so the wait is
     * bounded by a generous time rather than a count of runs (a count of 2,000 once ran out on a
     * host with a load average of 6 on two cores); this asserts that the helper joins, not how soon.
     */
    private static void assertTheHelperJoins(String what, Runnable kernel) {
        long before = SPLIT.helped();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (SPLIT.helped() == before && System.nanoTime() < deadline) {
            kernel.run();
        }
        assertTrue(SPLIT.helped() > before, "the helper never ran a half of " + what + " in 30 s");
    }

    @Property(tries = 20)
    void anExceptionInEitherHalfReachesTheCaller(@ForAll("large") Tuple3<Matrix, Matrix, Matrix> t) {
        int n = t.get1().rows();
        for (int bad : new int[] {0, n - 1}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SPLIT.run(n, Long.MAX_VALUE, (from, to) -> {
                        if (bad >= from && bad < to) {
                            throw new IllegalStateException("row " + bad);
                        }
                    }));
            assertEquals("row " + bad, e.getMessage());
        }
    }
}
