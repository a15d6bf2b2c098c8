package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Examples the mutation run asked for: the fused kernels' own shape guards (each names the kernel
 * and both shapes), the axis and size guards, the first index on ties, broadcasting through
 * {@link Matrix#zipWith}, and the object methods (equals, hashCode, toString).
 */
class MatrixKernelTest {

    static final Matrix A = Matrix.of(2, 3, 0.5, -1.25, 2.0, 3.5, 0.25, -0.75);

    static void assertNames(IllegalArgumentException e, String op, Shape... shapes) {
        assertTrue(e.getMessage().contains(op), e.getMessage());
        for (Shape s : shapes) {
            assertTrue(e.getMessage().contains(s.toString()), e.getMessage() + " should name " + s);
        }
    }

    @Test
    void fusedKernelsRefuseOperandsOfTheWrongShapeNamingTheKernelAndBothShapes() {
        Matrix wide = Matrix.ones(2, 4);
        Matrix row = Matrix.row(1, 2, 3);
        Matrix tall = Matrix.ones(3, 3);
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.columnDot(A, wide)), "columnDot",
                A.shape(), wide.shape());
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.tanhBackward(A, wide)), "tanhBackward",
                A.shape(), wide.shape());
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.addScaled(A, wide, 0.1)), "addScaled",
                A.shape(), wide.shape());
        for (Matrix bad : new Matrix[] {wide, tall, Matrix.row(1, 2)}) {
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.subThenMul(A, bad, row)), "subThenMul",
                    A.shape(), bad.shape());
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.subThenMul(A, row, bad)), "subThenMul",
                    A.shape(), bad.shape());
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.mulThenAdd(A, bad, row)), "mulThenAdd",
                    A.shape(), bad.shape());
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.mulThenAdd(A, row, bad)), "mulThenAdd",
                    A.shape(), bad.shape());
        }
        Matrix same = Matrix.ones(2, 3);
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.scaleAddAffineMul(A, 2, wide, row, row, row)),
                "scaleAddAffineMul", A.shape(), wide.shape());
        for (Matrix bad : new Matrix[] {wide, tall, Matrix.row(1, 2)}) {
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.scaleAddAffineMul(A, 2, same, bad, row, row)),
                    "scaleAddAffineMul", A.shape(), bad.shape());
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.scaleAddAffineMul(A, 2, same, row, bad, row)),
                    "scaleAddAffineMul", A.shape(), bad.shape());
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.scaleAddAffineMul(A, 2, same, row, row, bad)),
                    "scaleAddAffineMul", A.shape(), bad.shape());
        }
        // a full-shape operand is allowed as well as a row
        assertEquals(A.sub(A).mul(A), Fused.subThenMul(A, A, A));
        assertEquals(A.mul(A).add(A), Fused.mulThenAdd(A, A, A));
        assertEquals(A.sub(row).mul(row), Fused.subThenMul(A, row, row));
        assertEquals(A.mul(row).add(row), Fused.mulThenAdd(A, row, row));
    }

    @Test
    void theProductKernelsRefuseMismatchedOperandsNamingTheKernelAndTheShapes() {
        Matrix x = Matrix.ones(2, 3);
        Matrix w = Matrix.ones(3, 4);
        Matrix square = Matrix.ones(4, 4);
        Matrix bias = Matrix.ones(1, 4);
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.affine(x, square, bias)), "affine",
                x.shape(), square.shape(), bias.shape());
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.affine(x, w, Matrix.ones(2, 4))),
                "affine", x.shape(), w.shape(), new Shape(2, 4));
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.affine(x, w, Matrix.ones(1, 3))),
                "affine", x.shape(), w.shape(), new Shape(1, 3));
        Matrix dout = Matrix.ones(2, 4);
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.matmulBackward(x, square, dout)),
                "matmulBackward", x.shape(), square.shape(), dout.shape());
        for (Matrix bad : new Matrix[] {Matrix.ones(3, 4), Matrix.ones(2, 5)}) {
            assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.matmulBackward(x, w, bad)),
                    "matmulBackward", x.shape(), w.shape(), bad.shape());
        }
    }

    @Test
    void addScaledEachRefusesUnpairedOrMismatchedGradientsAndKeepsTheOrder() {
        Matrix b = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix row = Matrix.row(1, 2);
        assertNames(assertThrows(IllegalArgumentException.class,
                () -> Fused.addScaledEach(List.of(A, row), List.of(b, A), 0.5)), "addScaledEach", row.shape(), A.shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fused.addScaledEach(List.of(A, row), List.of(b), 0.5));
        assertEquals("addScaledEach: 2 matrices and 1 gradients", e.getMessage());
        Matrix big = Matrix.ones(3, 3);
        assertEquals(List.of(Fused.addScaled(row, row, 0.5), Fused.addScaled(A, b, 0.5), Fused.addScaled(big, big, 0.5)),
                Fused.addScaledEach(List.of(row, A, big), List.of(row, b, big), 0.5));
    }

    @Test
    void subOneHotRefusesAnIndexOutsideTheRowNamingTheKernel() {
        for (int[] bad : new int[][] {{0, 3}, {-1, 0}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fused.subOneHot(A, bad));
            assertTrue(e.getMessage().startsWith("subOneHot: index "), e.getMessage());
        }
        assertNames(assertThrows(IllegalArgumentException.class, () -> Fused.subOneHot(A, new int[] {0})), "subOneHot",
                A.shape());
    }

    @Test
    void addScaledIsThisPlusAlphaTimesB() {
        Matrix b = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        assertEquals(Matrix.of(2, 3, 0.5 - 0.5, -1.25 - 1, 2.0 - 1.5, 3.5 - 2, 0.25 - 2.5, -0.75 - 3),
                Fused.addScaled(A, b, -0.5));
    }

    @Test
    void axisAndSizeGuards() {
        for (int axis : new int[] {-1, 2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> A.mean(axis));
            assertTrue(e.getMessage().contains("mean"), "the op asked for is named: " + e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> A.var(axis));
            assertThrows(IllegalArgumentException.class, () -> A.max(axis));
        }
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Matrix.full(0, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Matrix.full(2, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Matrix.generate(0, 3, (i, j) -> 1));
        assertThrows(IllegalArgumentException.class, () -> Matrix.generate(2, 0, (i, j) -> 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.of(2, 3, 1, 2));
        assertTrue(e.getMessage().contains("needs 6 values, got 2"), e.getMessage());
        for (int[] rc : new int[][] {{2, 0}, {0, 3}, {-1, 0}, {0, -1}}) {
            // the guard's own message, not the bare array index error a missing guard would give
            IndexOutOfBoundsException x = assertThrows(IndexOutOfBoundsException.class, () -> A.get(rc[0], rc[1]));
            assertTrue(x.getMessage().contains("outside (2, 3)"), x.getMessage());
        }
        assertEquals(-0.75, A.get(1, 2));
    }

    @Test
    void varianceAlongRowsIsUnbiased() {
        Matrix v = A.var(1);
        assertEquals(new Shape(2, 1), v.shape());
        double m = (0.5 - 1.25 + 2.0) / 3;
        double expected = ((0.5 - m) * (0.5 - m) + (-1.25 - m) * (-1.25 - m) + (2.0 - m) * (2.0 - m)) / 2;
        assertEquals(expected, v.get(0, 0), 1e-15);
    }

    @Test
    void maxTakesTheFirstIndexOnTies() {
        Matrix tied = Matrix.of(3, 3, 1, 3, 3, 2, 2, 0, 2, 3, 0);
        assertArrayEquals(new int[] {1, 0, 1}, tied.max(1).indices());
        assertArrayEquals(new int[] {1, 0, 0}, tied.max(0).indices());
        assertEquals(Matrix.row(2, 3, 3), tied.max(0).values());
        assertEquals(3.5, A.maxAbs());
        assertEquals(1.25, Matrix.row(-1.25, 1).maxAbs());
    }

    @Test
    void zipWithBroadcastsRowsAndColumnsEitherWay() {
        Matrix row = Matrix.row(1, 0, 2);
        Matrix col = Matrix.column(0, 1);
        assertEquals(Matrix.of(2, 3, 1, 0, 2, 3.5, 0.25, 2), A.zipWith(row, Math::max));
        assertEquals(Matrix.of(2, 3, 1, 0, 2, 3.5, 0.25, 2), row.zipWith(A, Math::max));
        assertEquals(Matrix.of(2, 3, 0.5, 0, 2, 3.5, 1, 1), A.zipWith(col, Math::max));
        assertEquals(Matrix.of(2, 3, 0.5, 0, 2, 3.5, 1, 1), col.zipWith(A, Math::max));
        assertEquals(Matrix.of(2, 3, 1, 0, 2, 1, 1, 2), col.zipWith(row, Math::max));
    }

    @Test
    void equalsHashCodeAndToString() {
        Matrix same = Matrix.from(A.toArray2D());
        assertTrue(A.equals(A));
        assertTrue(A.equals(same));
        assertEquals(A.hashCode(), same.hashCode());
        assertFalse(A.equals(A.reshape(3, 2)));
        assertFalse(A.equals(A.reshape(1, 6)));
        assertFalse(A.equals("A"));
        assertNotEquals(A, A.with(1, 2, 0.0));
        SplittableRandom r = new SplittableRandom(1);
        Set<Integer> hashes = new HashSet<>();
        for (int k = 0; k < 50; k++) {
            hashes.add(Matrix.generate(1 + k % 3, 2, (i, j) -> r.nextDouble()).hashCode());
        }
        assertTrue(hashes.size() >= 45, "hashes spread: " + hashes.size());
        assertNotEquals(Matrix.zeros(2, 3).hashCode(), Matrix.zeros(3, 2).hashCode());
        assertEquals("Matrix(2, 3) [[0.500000, -1.25000, 2.00000], [3.50000, 0.250000, -0.750000]]", A.toString());
        String big = Matrix.zeros(9, 9).toString();
        assertTrue(big.startsWith("Matrix(9, 9) [[0.00000, "), big);
        // eight rows shown, each cut after eight columns, then the marker of the rows not shown
        assertEquals(9, big.split("\\.\\.\\.\\]", -1).length - 1, big);
        assertTrue(big.endsWith("0.00000, ...], ...]"), big);
        assertEquals("Matrix(1, 1) [[1.00000]]", Matrix.ones(1, 1).toString());
    }
}
