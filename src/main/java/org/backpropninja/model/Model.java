package org.backpropninja.model;

import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Param;
import org.backpropninja.nn.Params;

/**
 * A trained model: what sampling and evaluation need, and what {@link ModelFile} stores. Its
 * shapes fit together, checked once, here, whoever builds it (a run, or the model file on read).
 *
 * @param tokens   the vocabulary by index: tokens.get(0) is "." (start and end of a name), then
 *                 the characters of names.txt in sorted order
 * @param block    the context length (block_size)
 * @param params   the seven parameters
 * @param bnmean   batchnorm mean calibrated over the training set, (1, hidden)
 * @param bnvar    batchnorm unbiased variance calibrated over the training set, (1, hidden)
 */
public record Model(List<String> tokens, int block, Params params, Matrix bnmean, Matrix bnvar) {

    /** The names of the two calibrated statistics, as the notebook (and the model file) gives them. */
    public static final String BNMEAN = "bnmean";
    public static final String BNVAR = "bnvar";

    public Model {
        tokens = List.copyOf(tokens);
        Mlp net = new Mlp(tokens.size(), params.C().cols(), block, params.W1().cols());
        for (Param p : Param.values()) {
            require(p.notebookName(), params.get(p), p.shapeIn(net));
        }
        Shape row = new Shape(1, net.hidden());
        require(BNMEAN, bnmean, row);
        require(BNVAR, bnvar, row);
    }

    private static void require(String name, Matrix m, Shape expected) {
        if (!m.shape().equals(expected)) {
            throw new Inconsistent(name, m.shape(), expected);
        }
    }

    /**
     * A tensor whose shape does not fit the others: the vocabulary, n_embd (the columns of C), the
     * block size and n_hidden (the columns of W1) imply {@link #expected()}.
     */
    public static final class Inconsistent extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String tensor;
        private final transient Shape actual;
        private final transient Shape expected;

        Inconsistent(String tensor, Shape actual, Shape expected) {
            super("inconsistent model: " + tensor + " is " + actual + ", expected " + expected);
            this.tensor = tensor;
            this.actual = actual;
            this.expected = expected;
        }

        /** The tensor's name: {@code C}, {@code W1}, ..., {@code bnvar}. */
        public String tensor() {
            return tensor;
        }

        public Shape actual() {
            return actual;
        }

        public Shape expected() {
            return expected;
        }
    }

    public int vocabSize() {
        return tokens.size();
    }
}
