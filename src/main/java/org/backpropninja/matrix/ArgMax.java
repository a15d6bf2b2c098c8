package org.backpropninja.matrix;

/**
 * Result of {@link Matrix#max(int)}: the maxima (kept dimension) and their indices along the axis.
 *
 * @param values  the maxima, (n, 1) for axis 1 or (1, m) for axis 0
 * @param indices the index of each maximum along the axis, the first one on ties
 */
public record ArgMax(Matrix values, int[] indices) {
    public ArgMax {
        indices = indices.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }
}
