package org.backpropninja.matrix;

/** A matrix shape; prints as {@code (rows, cols)} like NumPy. */
public record Shape(int rows, int cols) {
    @Override
    public String toString() {
        return "(" + rows + ", " + cols + ")";
    }
}
