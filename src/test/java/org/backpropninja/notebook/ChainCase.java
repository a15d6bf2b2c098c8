package org.backpropninja.notebook;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Params;
import org.backpropninja.testing.MatrixArbitraries;

/** Parameters, a minibatch and its targets for the whole staged chain. */
record ChainCase(Params params, IntMatrix Xb, int[] Yb) {

    @Override
    public String toString() {
        return "ChainCase[vocab " + params.C().rows() + ", embd " + params.C().cols() + ", block " + Xb.cols()
                + ", hidden " + params.W1().cols() + ", n " + Xb.rows() + ", Xb " + Xb + ", Yb "
                + java.util.Arrays.toString(Yb) + "]";
    }

    /** A fixed small case: vocab 7, embd 3, block 2, hidden 5, n 6, parameters from a fixed seed. */
    static ChainCase small() {
        SplittableRandom r = new SplittableRandom(20240601L);
        Params p = new Params(random(r, 7, 3, 1.0), random(r, 6, 5, 0.6), random(r, 1, 5, 0.1),
                random(r, 5, 7, 0.3), random(r, 1, 7, 0.1), random(r, 1, 5, 0.1).plus(1.0), random(r, 1, 5, 0.1));
        return new ChainCase(p, IntMatrix.of(6, 2, 0, 1, 2, 3, 4, 5, 6, 0, 1, 3, 5, 2), new int[] {1, 0, 6, 3, 2, 4});
    }

    private static Matrix random(SplittableRandom r, int rows, int cols, double scale) {
        return Matrix.generate(rows, cols, (i, j) -> scale * r.nextDouble(-1.0, 1.0));
    }

    /**
     * vocab 2..30, embd 1..8, block 1..4, hidden 1..24, batch 2..16. Parameters are small enough that
     * tanh stays out of saturation (|bngain * bnraw + bnbias| is at most about 2.6 for n = 16).
     * Batch norm divides by each column's standard deviation, so a column that is (nearly) constant
     * over the batch -- repeated contexts, or a tiny weight -- makes the loss vary on the scale of
     * sqrt(eps) = 0.003, where the stencil's step is no longer small; such cases are filtered out by
     * requiring every column's variance to be at least 0.01.
     */
    static Arbitrary<ChainCase> cases() {
        Arbitrary<Integer> vocab = Arbitraries.integers().between(2, 30);
        Arbitrary<Integer> embd = Arbitraries.integers().between(1, 8);
        Arbitrary<Integer> block = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> hidden = Arbitraries.integers().between(1, 24);
        Arbitrary<Integer> batch = Arbitraries.integers().between(2, 16);
        return Combinators.combine(vocab, embd, block, hidden, batch).as(List::of)
                .flatMap(d -> of(d.get(0), d.get(1), d.get(2), d.get(3), d.get(4)))
                .filter(ChainCase::batchNormWellConditioned);
    }

    /**
     * The same sizes and value ranges as {@link #cases()}, the values drawn from a seed: shrinking then
     * works on the sizes (towards vocab 2, embd 1, block 1, hidden 1, n 2) and the seed, each step one
     * case, instead of on hundreds of doubles one at a time -- what lets the workbook's judge show a
     * small failing case within seconds. Not filtered; see {@link #cases()} for the conditioning.
     */
    static Arbitrary<ChainCase> seeded() {
        Arbitrary<Integer> vocab = Arbitraries.integers().between(2, 30);
        Arbitrary<Integer> embd = Arbitraries.integers().between(1, 8);
        Arbitrary<Integer> block = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> hidden = Arbitraries.integers().between(1, 24);
        Arbitrary<Integer> batch = Arbitraries.integers().between(2, 16);
        Arbitrary<Long> seed = Arbitraries.longs().between(0, 1L << 40).withoutEdgeCases();
        return Combinators.combine(vocab, embd, block, hidden, batch, seed)
                .as((v, e, b, h, n, s) -> fromSeed(v, e, b, h, n, s));
    }

    private static ChainCase fromSeed(int vocab, int embd, int block, int hidden, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double w1Scale = 2 / Math.sqrt(embd * block);
        Params p = new Params(uniform(r, vocab, embd, -1, 1), uniform(r, embd * block, hidden, -1, 1).scale(w1Scale),
                uniform(r, 1, hidden, -0.5, 0.5), uniform(r, hidden, vocab, -0.5, 0.5), uniform(r, 1, vocab, -0.2, 0.2),
                uniform(r, 1, hidden, 0.1, 0.6), uniform(r, 1, hidden, -0.2, 0.2));
        int[] xb = r.ints((long) n * block, 0, vocab).toArray();
        int[] yb = r.ints(n, 0, vocab).toArray();
        return new ChainCase(p, IntMatrix.of(n, block, xb), yb);
    }

    private static Matrix uniform(SplittableRandom r, int rows, int cols, double lo, double hi) {
        return Matrix.generate(rows, cols, (i, j) -> r.nextDouble(lo, hi));
    }

    private static Arbitrary<ChainCase> of(int vocab, int embd, int block, int hidden, int n) {
        double w1Scale = 1.0 / Math.sqrt(embd * block);
        Arbitrary<Params> params = Combinators.combine(
                MatrixArbitraries.matrix(new Shape(vocab, embd), -1, 1),
                MatrixArbitraries.matrix(new Shape(embd * block, hidden), -1, 1).map(w -> w.scale(2 * w1Scale)),
                MatrixArbitraries.matrix(new Shape(1, hidden), -0.5, 0.5),
                MatrixArbitraries.matrix(new Shape(hidden, vocab), -0.5, 0.5),
                MatrixArbitraries.matrix(new Shape(1, vocab), -0.2, 0.2),
                MatrixArbitraries.matrix(new Shape(1, hidden), 0.1, 0.6),
                MatrixArbitraries.matrix(new Shape(1, hidden), -0.2, 0.2)).as(Params::new);
        return Combinators.combine(params, MatrixArbitraries.indices(new Shape(n, block), vocab),
                MatrixArbitraries.indexArray(n, vocab)).as(ChainCase::new);
    }

    private boolean batchNormWellConditioned() {
        Matrix bnvar = StagedChain.forward(params, Xb, Yb).bnvar().out();
        for (int j = 0; j < bnvar.cols(); j++) {
            if (bnvar.get(0, j) < 0.01) {
                return false;
            }
        }
        return true;
    }
}
