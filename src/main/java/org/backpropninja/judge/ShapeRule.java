package org.backpropninja.judge;

import java.util.Map;
import org.backpropninja.matrix.Shape;

/**
 * An input's shape relative to the others: rows and columns each a product of named dimensions and
 * whole numbers, such as {@code "n"}, {@code "1"} or {@code "n*block"}. Inputs that name the same
 * dimension get the same size in every generated case.
 */
record ShapeRule(String rows, String cols) {

    /** Refuses a factor that is neither a whole number of at least 1 nor one of {@code dims}. */
    ShapeRule requireKnown(String input, java.util.Collection<String> dims) {
        for (String factor : (rows + "*" + cols).split("\\*")) {
            String f = factor.strip();
            if (!dims.contains(f) && !isCount(f)) {
                throw new IllegalArgumentException("input " + input + ": '" + f + "' in its shape (" + rows + ", "
                        + cols + ") is neither a whole number of at least 1 nor a declared dimension " + dims);
            }
        }
        return this;
    }

    /** The shape for the given sizes of the dimensions. */
    Shape at(Map<String, Integer> sizes) {
        return new Shape(extent(rows, sizes), extent(cols, sizes));
    }

    /** A product of factors at the given sizes. */
    static int extent(String expr, Map<String, Integer> sizes) {
        int product = 1;
        for (String factor : expr.split("\\*")) {
            String f = factor.strip();
            product *= isCount(f) ? Integer.parseInt(f) : sizes.get(f);
        }
        return product;
    }

    private static boolean isCount(String f) {
        return f.matches("[1-9][0-9]{0,5}");
    }

    @Override
    public String toString() {
        return "(" + rows + ", " + cols + ")";
    }
}
