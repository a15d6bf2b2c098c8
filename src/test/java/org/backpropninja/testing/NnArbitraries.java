package org.backpropninja.testing;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;

/**
 * Generators for the layer and network properties: sizes in the ranges (batch 2..16,
 * vocab 2..30, embedding 1..8, block 1..4, hidden 1..24), parameters, indices and batchnorm
 * inputs; the values come from {@link MatrixArbitraries}.
 */
public final class NnArbitraries {

    private NnArbitraries() {
    }

    /** Network sizes plus a batch size. */
    public record Sizes(int n, int vocab, int embd, int block, int hidden) {
        public Mlp mlp() {
            return new Mlp(vocab, embd, block, hidden);
        }
    }

    /** Sizes up to the given maxima (each at least the minimum). */
    public static Arbitrary<Sizes> sizes(int maxN, int maxVocab, int maxEmbd, int maxBlock, int maxHidden) {
        return Combinators.combine(Arbitraries.integers().between(2, maxN),
                Arbitraries.integers().between(2, maxVocab), Arbitraries.integers().between(1, maxEmbd),
                Arbitraries.integers().between(1, maxBlock), Arbitraries.integers().between(1, maxHidden))
                .as(Sizes::new);
    }

    /** The full ranges. */
    public static Arbitrary<Sizes> sizes() {
        return sizes(16, 30, 8, 4, 24);
    }

    /**
     * A batchnorm input (n, h) whose every column has unbiased variance at least {@code minVar}.
     * Values in [-2, 2]. The spread keeps the normalisation's curvature scale (the column's standard
     * deviation) far above the finite-difference step, so the stencil's truncation error is
     * negligible; near-constant columns are tested separately with a rescaled check.
     */
    public static Arbitrary<Matrix> spreadColumns(int n, int h, double minVar) {
        Arbitrary<double[]> column = MatrixArbitraries.values(-2, 2).array(double[].class).ofSize(n)
                .filter(c -> unbiasedVariance(c) >= minVar);
        return column.list().ofSize(h).map(cols -> Matrix.generate(n, h, (i, j) -> cols.get(j)[i]));
    }

    public static double unbiasedVariance(double[] c) {
        double mean = 0;
        for (double v : c) {
            mean += v;
        }
        mean /= c.length;
        double s = 0;
        for (double v : c) {
            s += (v - mean) * (v - mean);
        }
        return s / (c.length - 1);
    }

    /** Indices (rows, cols) in [0, bound). */
    public static Arbitrary<IntMatrix> indices(int rows, int cols, int bound) {
        return MatrixArbitraries.indices(new Shape(rows, cols), bound);
    }

    /** n targets in [0, bound). */
    public static Arbitrary<int[]> targets(int n, int bound) {
        return MatrixArbitraries.indexArray(n, bound);
    }

    /**
     * Random parameters for the given sizes: C, W1, W2 in [-1, 1]; b1, b2, bnbias in [-0.5, 0.5];
     * bngain in [0.5, 1.5] (around the notebook's 1 + 0.1 randn), values generic.
     */
    public static Arbitrary<Params> params(Sizes s) {
        List<Arbitrary<Matrix>> parts = new ArrayList<>();
        parts.add(MatrixArbitraries.matrix(new Shape(s.vocab(), s.embd()), -1, 1));
        parts.add(MatrixArbitraries.matrix(new Shape(s.block() * s.embd(), s.hidden()), -1, 1));
        parts.add(MatrixArbitraries.matrix(new Shape(1, s.hidden()), -0.5, 0.5));
        parts.add(MatrixArbitraries.matrix(new Shape(s.hidden(), s.vocab()), -1, 1));
        parts.add(MatrixArbitraries.matrix(new Shape(1, s.vocab()), -0.5, 0.5));
        parts.add(MatrixArbitraries.matrix(new Shape(1, s.hidden()), 0.5, 1.5));
        parts.add(MatrixArbitraries.matrix(new Shape(1, s.hidden()), -0.5, 0.5));
        return Combinators.combine(parts).as(Params::of);
    }
}
