package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import org.backpropninja.testing.MatrixArbitraries;

/** The library's promises: operations never change their inputs, and shape errors name both shapes. */
class MatrixContractProperties {

    @Provide
    Arbitrary<Tuple2<Matrix, Matrix>> pairs() {
        return MatrixArbitraries.sameShapePairs(6, 6);
    }

    /** Every public operation of {@link Matrix} and {@link Fused}, applied to (a, b) of the same shape. */
    private static final List<Function<Tuple2<Matrix, Matrix>, Object>> OPERATIONS = List.of(
            t -> t.get1().add(t.get2()), t -> t.get1().sub(t.get2()), t -> t.get1().mul(t.get2()),
            t -> t.get1().div(t.get2()), t -> t.get1().zipWith(t.get2(), Math::max),
            t -> t.get1().matmul(t.get2().transpose()), t -> t.get1().matmulTranspose(t.get2()),
            t -> t.get1().transposeMatmul(t.get2()), t -> t.get1().transpose(),
            t -> t.get1().reshape(1, t.get1().size()), t -> t.get1().map(Math::sin),
            t -> t.get1().scale(2), t -> t.get1().plus(1), t -> t.get1().neg(), t -> t.get1().pow(3),
            t -> t.get1().exp(), t -> t.get1().log(), t -> t.get1().tanh(), t -> t.get1().sum(),
            t -> t.get1().sum(0), t -> t.get1().sum(1), t -> t.get1().mean(0), t -> t.get1().mean(1),
            t -> t.get1().max(0), t -> t.get1().max(1), t -> t.get1().gatherRows(new int[] {0, 0}),
            t -> t.get1().pick(new int[t.get1().rows()]), t -> t.get1().with(0, 0, 7.0),
            t -> t.get1().scatterAddRows(new int[t.get1().rows()], 3), t -> t.get1().maxAbsDiff(t.get2()),
            t -> Fused.gatherRowsSideBySide(t.get1(), IntMatrix.of(2, 2, 0, 0, 0, 0)),
            t -> Fused.scatterAddRowBlocks(t.get1(), IntMatrix.of(t.get1().rows(), 1, new int[t.get1().rows()]), 3),
            t -> t.get1().toArray(), t -> t.get1().toArray2D(), t -> t.get1().rowArray(0),
            t -> Fused.affine(t.get1(), t.get2().transpose(), Matrix.ones(1, t.get2().rows())),
            t -> Fused.matmulBackward(t.get1(), t.get2().transpose(), t.get1().matmul(t.get2().transpose())),
            t -> Fused.addScaled(t.get1(), t.get2(), -0.5),
            t -> Fused.addScaledEach(List.of(t.get1(), t.get2()), List.of(t.get2(), t.get1()), 2.0),
            t -> Fused.subThenMul(t.get1(), t.get2(), t.get2()), t -> Fused.mulThenAdd(t.get1(), t.get2(), t.get2()),
            t -> Fused.scaleAddAffineMul(t.get1(), 3.0, t.get2(), t.get2(), t.get1(), t.get2()),
            t -> Fused.tanhBackward(t.get1(), t.get2()), t -> Fused.columnDot(t.get1(), t.get2()),
            t -> Fused.softmaxRows(t.get1()), t -> Fused.subOneHot(t.get1(), new int[t.get1().rows()]));

    @Property(tries = 200)
    void noOperationChangesItsInputs(@ForAll("pairs") Tuple2<Matrix, Matrix> t) {
        Matrix a = Matrix.from(t.get1().toArray2D());
        Matrix b = Matrix.from(t.get2().toArray2D());
        for (Function<Tuple2<Matrix, Matrix>, Object> op : OPERATIONS) {
            op.apply(t);
            assertEquals(a, t.get1());
            assertEquals(b, t.get2());
        }
    }

    @Property(tries = 100)
    void returnedArraysAreCopies(@ForAll("pairs") Tuple2<Matrix, Matrix> t) {
        Matrix a = t.get1();
        Matrix before = Matrix.from(a.toArray2D());
        a.toArray()[0] = 99;
        a.toArray2D()[0][0] = 99;
        a.rowArray(0)[0] = 99;
        double[][] src = before.toArray2D();
        Matrix fromSrc = Matrix.from(src);
        src[0][0] = 99;
        assertEquals(before, a);
        assertEquals(before, fromSrc);
    }

    private static void assertNamesShapes(IllegalArgumentException e, String op, Shape s1, Shape s2) {
        String m = e.getMessage();
        assertTrue(m.contains(op) && m.contains(s1.toString()) && m.contains(s2.toString()),
                "message should name " + op + ", " + s1 + " and " + s2 + ": " + m);
    }

    @Property(tries = 200)
    void everyShapeMismatchThrowsNamingBothShapes(@ForAll("mismatched") Tuple2<Matrix, Matrix> t) {
        Matrix a = t.get1();
        Matrix b = t.get2();
        for (String op : List.of("add", "sub", "mul", "div")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                switch (op) {
                    case "add" -> a.add(b);
                    case "sub" -> a.sub(b);
                    case "mul" -> a.mul(b);
                    default -> a.div(b);
                }
            });
            assertNamesShapes(e, op, a.shape(), b.shape());
        }
        if (a.cols() != b.rows()) {
            assertNamesShapes(assertThrows(IllegalArgumentException.class, () -> a.matmul(b)),
                    "matmul", a.shape(), b.shape());
        }
        if (a.cols() != b.cols()) {
            assertNamesShapes(assertThrows(IllegalArgumentException.class, () -> a.matmulTranspose(b)),
                    "matmulTranspose", a.shape(), b.shape());
        }
        if (a.rows() != b.rows()) {
            assertNamesShapes(assertThrows(IllegalArgumentException.class, () -> a.transposeMatmul(b)),
                    "transposeMatmul", a.shape(), b.shape());
        }
        assertNamesShapes(assertThrows(IllegalArgumentException.class, () -> a.maxAbsDiff(b)),
                "maxAbsDiff", a.shape(), b.shape());
    }

    /** Pairs whose shapes do not broadcast: both axes differ and neither is 1 on a differing axis. */
    @Provide
    Arbitrary<Tuple2<Matrix, Matrix>> mismatched() {
        return MatrixArbitraries.shapes(2, 6, 2, 6).flatMap(s -> MatrixArbitraries.shapes(2, 6, 2, 6)
                .filter(o -> o.rows() != s.rows() || o.cols() != s.cols())
                .flatMap(o -> net.jqwik.api.Combinators.combine(MatrixArbitraries.matrix(s, -1, 1),
                        MatrixArbitraries.matrix(o, -1, 1)).as(net.jqwik.api.Tuple::of)));
    }

    @Example
    void badConstructionAndReshapeAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.of(2, 3, 1, 2));
        assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Matrix.of(2, 3, 1, 2, 3, 4, 5, 6).reshape(4, 2));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Matrix.from(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Matrix.row(1, 2, 3).var(0));
        assertThrows(IllegalArgumentException.class, () -> Matrix.row(1, 2, 3).gatherRows(new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Matrix.row(1, 2, 3).pick(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> Matrix.oneHot(new int[] {2}, 2));
        assertThrows(IllegalArgumentException.class, () -> Matrix.row(1, 2).scatterAddRows(new int[] {5}, 3));
        assertThrows(IllegalArgumentException.class, () -> Fused.gatherRowsSideBySide(Matrix.row(1, 2, 3), IntMatrix.of(1, 2, 0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Fused.scatterAddRowBlocks(Matrix.row(1, 2), IntMatrix.of(1, 2, 0, 5), 3));
        e = assertThrows(IllegalArgumentException.class,
                () -> Fused.scatterAddRowBlocks(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6), IntMatrix.of(2, 2, 0, 0, 0, 0), 3));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(2, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Fused.scatterAddRowBlocks(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6), IntMatrix.of(3, 1, 0, 0, 0), 3));
        assertThrows(IllegalArgumentException.class, () -> Matrix.row(1, 2).sum(2));
        e = assertThrows(IllegalArgumentException.class,
                () -> Fused.varianceAbout(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6), Matrix.row(1, 2)));
        assertTrue(e.getMessage().contains("varianceAbout") && e.getMessage().contains("(2, 3)")
                && e.getMessage().contains("(1, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fused.varianceAbout(Matrix.row(1, 2, 3), Matrix.row(1, 2, 3)));
    }
}
