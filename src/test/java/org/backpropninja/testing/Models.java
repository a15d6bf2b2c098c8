package org.backpropninja.testing;

import java.util.List;
import java.util.Random;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.backpropninja.model.Model;

/** Small trained-looking models (random parameters, positive variances) for file, sampling and command tests. */
public final class Models {

    private Models() {
    }

    /**
     * Vocabulary ".", "a", "é", "z" and an astral-plane emoji (tokens a model file must round-trip),
     * embedding 2, block 3, hidden 4; Gaussian parameters from {@code seed}.
     */
    public static Model fiveTokens(long seed) {
        Random r = new Random(seed);
        int vocab = 5;
        int embd = 2;
        int block = 3;
        int hidden = 4;
        Matrix.IndexFunction g = (i, j) -> r.nextGaussian();
        Params p = new Params(Matrix.generate(vocab, embd, g), Matrix.generate(block * embd, hidden, g),
                Matrix.generate(1, hidden, g), Matrix.generate(hidden, vocab, g), Matrix.generate(1, vocab, g),
                Matrix.generate(1, hidden, g), Matrix.generate(1, hidden, g));
        return new Model(List.of(".", "a", "é", "z", "\uD83D\uDE00"), block, p, Matrix.generate(1, hidden, g),
                Matrix.generate(1, hidden, (i, j) -> 0.5 + r.nextDouble()));
    }

    /** Vocabulary ".", "a", "b", "c", embedding 2, block 3, hidden 3; fixed Gaussian parameters. */
    public static Model abc() {
        Random r = new Random(11);
        Matrix.IndexFunction g = (i, j) -> r.nextGaussian();
        Params p = new Params(Matrix.generate(4, 2, g), Matrix.generate(6, 3, g), Matrix.generate(1, 3, g),
                Matrix.generate(3, 4, g), Matrix.generate(1, 4, g), Matrix.generate(1, 3, g), Matrix.generate(1, 3, g));
        return new Model(List.of(".", "a", "b", "c"), 3, p, Matrix.generate(1, 3, g),
                Matrix.generate(1, 3, (i, j) -> 0.5 + r.nextDouble()));
    }
}
