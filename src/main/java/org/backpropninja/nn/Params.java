package org.backpropninja.nn;

import java.util.List;
import org.backpropninja.matrix.Matrix;

/**
 * The seven parameters of the notebook's MLP, in the notebook's order; also used for their
 * gradients (dC, dW1, ...), which have the same shapes.
 *
 * <pre>
 *   C      (vocab, embd)          embedding table
 *   W1     (block*embd, hidden)   first linear layer
 *   b1     (1, hidden)
 *   W2     (hidden, vocab)        output layer
 *   b2     (1, vocab)
 *   bngain (1, hidden)            batchnorm scale
 *   bnbias (1, hidden)            batchnorm shift
 * </pre>
 */
public record Params(Matrix C, Matrix W1, Matrix b1, Matrix W2, Matrix b2, Matrix bngain, Matrix bnbias) {

    /** The names, in order, as the notebook prints them. */
    public static final List<String> NAMES = List.of("C", "W1", "b1", "W2", "b2", "bngain", "bnbias");

    /** The seven matrices in the notebook's order. */
    public List<Matrix> asList() {
        return List.of(C, W1, b1, W2, b2, bngain, bnbias);
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
