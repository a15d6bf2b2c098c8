package org.backpropninja.nn;

import org.backpropninja.matrix.Matrix;

/**
 * The notebook's seven parameters, in the notebook's order {@code [C, W1, b1, W2, b2, bngain,
 * bnbias]}. Shapes: {@code C: (vocab, n_embd)}, {@code W1: (block*n_embd, n_hidden)},
 * {@code b1: (1, n_hidden)}, {@code W2: (n_hidden, vocab)}, {@code b2: (1, vocab)},
 * {@code bngain: (1, n_hidden)}, {@code bnbias: (1, n_hidden)}. Immutable, like its matrices.
 */
public record Params(Matrix C, Matrix W1, Matrix b1, Matrix W2, Matrix b2, Matrix bngain, Matrix bnbias) {

    /** The number of scalar parameters, the notebook's {@code sum(p.nelement() for p in params)}. */
    public int count() {
        return C.size() + W1.size() + b1.size() + W2.size() + b2.size() + bngain.size() + bnbias.size();
    }
}
