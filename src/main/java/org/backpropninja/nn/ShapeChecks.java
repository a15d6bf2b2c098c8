package org.backpropninja.nn;

import org.backpropninja.matrix.Matrix;

/**
 * The per-feature guard shared by the layers, throwing an IllegalArgumentException naming the
 * shapes. (An upstream gradient is checked by {@link Matrix#requireSameShape} on the forward output.)
 */
final class ShapeChecks {

    private ShapeChecks() {
    }

    /** A per-feature parameter must be a (1, cols) row. */
    static void requireRow(String what, Matrix row, int cols, Matrix x) {
        if (row.rows() != 1 || row.cols() != cols) {
            throw new IllegalArgumentException(what + " is " + row.shape() + " but must be (1, " + cols
                    + ") for x " + x.shape());
        }
    }
}
