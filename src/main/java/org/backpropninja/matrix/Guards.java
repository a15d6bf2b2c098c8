package org.backpropninja.matrix;

/**
 * The facade's argument checks that are more than one comparison: each throws an
 * {@link IllegalArgumentException} naming the operation and the shapes involved.
 */
final class Guards {

    private Guards() {
    }

    /** A shape to construct: both extents positive. */
    static void dims(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(
                    "matrix shape must be positive, got (" + rows + ", " + cols + ")");
        }
    }

    /** Operands of subThenMul, mulThenAdd and scaleAddAffineMul: each of the shape of m, or one row of its width. */
    static void rowOperands(String op, Matrix m, Matrix... operands) {
        for (Matrix a : operands) {
            if (a.cols() != m.cols() || (a.rows() != m.rows() && a.rows() != 1)) {
                throw new IllegalArgumentException(op + ": operand " + a.shape() + " does not broadcast over "
                        + m.shape() + " (need (" + m.rows() + ", " + m.cols() + ") or (1, " + m.cols() + "))");
            }
        }
    }

    /** An axis of m: 0 or 1. */
    static void axis(String op, int axis, Matrix m) {
        if (axis != 0 && axis != 1) {
            throw new IllegalArgumentException(op + ": axis must be 0 or 1, got " + axis
                    + " for shape " + m.shape());
        }
    }
}
