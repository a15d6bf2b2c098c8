package org.backpropninja.model;

import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;

/**
 * A trained model: what sampling and evaluation need, and what {@link ModelFile} stores.
 *
 * @param tokens   the vocabulary by index: tokens.get(0) is "." (start and end of a name), then
 *                 the characters of names.txt in sorted order
 * @param block    the context length (block_size)
 * @param params   the seven parameters
 * @param bnmean   batchnorm mean calibrated over the training set, (1, hidden)
 * @param bnvar    batchnorm unbiased variance calibrated over the training set, (1, hidden)
 */
public record Model(List<String> tokens, int block, Params params, Matrix bnmean, Matrix bnvar) {

    public Model {
        tokens = List.copyOf(tokens);
        int hidden = params.W1().cols();
        new Mlp(tokens.size(), params.C().cols(), block, hidden).requireShapes(params);
        check(is(bnmean, 1, hidden), "bnmean is " + bnmean.shape());
        check(is(bnvar, 1, hidden), "bnvar is " + bnvar.shape());
    }

    private static boolean is(Matrix m, int rows, int cols) {
        return m.rows() == rows && m.cols() == cols;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new Inconsistent(what);
        }
    }

    /** Parameters whose shapes do not fit together; {@link #reason()} says which, without a prefix. */
    public static final class Inconsistent extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Inconsistent(String reason) {
            super("inconsistent model: " + reason);
            this.reason = reason;
        }

        /** What does not fit, for example "C has 4 rows for 3 tokens". */
        public String reason() {
            return reason;
        }
    }

    public int vocabSize() {
        return tokens.size();
    }
}
