package org.backpropninja.train;

import java.util.List;
import org.backpropninja.matrix.Matrix;
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
        int vocab = tokens.size();
        int embd = params.C().cols();
        int hidden = params.W1().cols();
        check(params.C().rows() == vocab, "C has " + params.C().rows() + " rows for " + vocab + " tokens");
        check(params.W1().rows() == block * embd, "W1 is " + params.W1().shape() + " for block " + block
                + " and embedding " + embd);
        check(is(params.b1(), 1, hidden), "b1 is " + params.b1().shape());
        check(is(params.W2(), hidden, vocab), "W2 is " + params.W2().shape());
        check(is(params.b2(), 1, vocab), "b2 is " + params.b2().shape());
        check(is(params.bngain(), 1, hidden), "bngain is " + params.bngain().shape());
        check(is(params.bnbias(), 1, hidden), "bnbias is " + params.bnbias().shape());
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
