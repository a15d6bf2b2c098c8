package org.backpropninja.nn;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.backpropninja.matrix.Matrix;

/**
 * Values for the seven parameters of the notebook's MLP ({@link Param} declares them: names,
 * order, shapes); also used for their gradients (dC, dW1, ...), which have the same shapes.
 */
public record Params(Matrix C, Matrix W1, Matrix b1, Matrix W2, Matrix b2, Matrix bngain, Matrix bnbias) {

    /** The names, in order, as the notebook prints them. */
    public static final List<String> NAMES = Arrays.stream(Param.values()).map(Param::notebookName).toList();

    /** The seven matrices in the notebook's order. */
    public List<Matrix> asList() {
        return List.of(C, W1, b1, W2, b2, bngain, bnbias);
    }

    /** The matrix of one parameter. */
    public Matrix get(Param p) {
        return switch (p) {
            case C -> C;
            case W1 -> W1;
            case B1 -> b1;
            case W2 -> W2;
            case B2 -> b2;
            case BNGAIN -> bngain;
            case BNBIAS -> bnbias;
        };
    }

    /** The parameters whose matrices {@code value} gives, one call per parameter in the notebook's order. */
    public static Params build(Function<Param, Matrix> value) {
        return of(Arrays.stream(Param.values()).map(value).toList());
    }

    /** Seven matrices in the notebook's order. */
    public static Params of(List<Matrix> m) {
        if (m.size() != 7) {
            throw new IllegalArgumentException("Params.of: need 7 matrices, got " + m.size());
        }
        return new Params(m.get(0), m.get(1), m.get(2), m.get(3), m.get(4), m.get(5), m.get(6));
    }

    /** Total number of elements (the notebook's printed parameter count). */
    public int count() {
        return asList().stream().mapToInt(Matrix::size).sum();
    }
}
