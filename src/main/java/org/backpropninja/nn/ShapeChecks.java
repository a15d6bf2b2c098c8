package org.backpropninja.nn;

import org.backpropninja.matrix.Matrix;

/** Shape guards shared by the layers: each throws an IllegalArgumentException naming the shapes. */
final class ShapeChecks {

    private ShapeChecks() {
    }

    /** An upstream gradient must have the shape of the forward output it belongs to. */
    static void requireLike(String what, Matrix got, Matrix like) {
        if (got.rows() != like.rows() || got.cols() != like.cols()) {
            throw new IllegalArgumentException(what + " is " + got.shape() + " but the forward output is "
                    + like.shape());
        }
    }

    /** A per-feature parameter must be a (1, cols) row. */
    static void requireRow(String what, Matrix row, int cols, Matrix x) {
        if (row.rows() != 1 || row.cols() != cols) {
            throw new IllegalArgumentException(what + " is " + row.shape() + " but must be (1, " + cols
                    + ") for x " + x.shape());
        }
    }
}
