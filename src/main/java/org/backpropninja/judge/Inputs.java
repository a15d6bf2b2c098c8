package org.backpropninja.judge;

import java.util.Map;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * One case's inputs, by the names the spec gave them, as the forward and the backward see them:
 * the differentiated matrices ({@link #get}), the index inputs ({@link #indices}, held fixed) and
 * the sizes of the dimensions ({@link #dim}).
 */
public final class Inputs {

    private final Map<String, Matrix> matrices;
    private final Map<String, IntMatrix> indices;
    private final Map<String, Integer> dims;

    Inputs(Map<String, Matrix> matrices, Map<String, IntMatrix> indices, Map<String, Integer> dims) {
        this.matrices = Map.copyOf(matrices);
        this.indices = Map.copyOf(indices);
        this.dims = Map.copyOf(dims);
    }

    /** The differentiated input of that name. */
    public Matrix get(String name) {
        Matrix m = matrices.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no input named " + name + "; the inputs are " + matrices.keySet());
        }
        return m;
    }

    /** The index input of that name. */
    public IntMatrix indices(String name) {
        IntMatrix m = indices.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no index input named " + name + "; the index inputs are "
                    + indices.keySet());
        }
        return m;
    }

    /** The size of the named dimension in this case. */
    public int dim(String name) {
        Integer d = dims.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no dimension named " + name + "; the dimensions are " + dims.keySet());
        }
        return d;
    }
}
