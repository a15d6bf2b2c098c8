package org.backpropninja.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/**
 * Reusable generators for properties: shapes first, then values, combined so that jqwik shrinks a
 * failure to the smallest shape and the simplest values.
 *
 * <p>Values are drawn from ranges that avoid the degenerate inputs which hide wrong derivatives:
 * by default they stay away from 0 and from each other's mirror images only by chance, and
 * {@link #matrix(Shape, double, double)} never produces an all-equal matrix for more than one
 * element (a jqwik edge case that would make a symmetric input).
 */
public final class MatrixArbitraries {

    private MatrixArbitraries() {
    }

    /** Shapes with rows in [1, maxRows] and cols in [1, maxCols]. */
    public static Arbitrary<Shape> shapes(int maxRows, int maxCols) {
        return shapes(1, maxRows, 1, maxCols);
    }

    public static Arbitrary<Shape> shapes(int minRows, int maxRows, int minCols, int maxCols) {
        return Combinators.combine(Arbitraries.integers().between(minRows, maxRows),
                Arbitraries.integers().between(minCols, maxCols)).as(Shape::new);
    }

    /**
     * Doubles uniform in [lo, hi] with 12 decimals, without jqwik's edge cases (0, bounds), so
     * inputs are generic. jqwik's defaults (2 decimals, a distribution skewed toward 0) draw exact
     * zeros, repeated values and values far below the checker's absolute tolerance often enough to
     * let a wrong backward through.
     */
    public static Arbitrary<Double> values(double lo, double hi) {
        return Arbitraries.doubles().between(lo, hi).ofScale(12)
                .withDistribution(RandomDistribution.uniform()).withoutEdgeCases();
    }

    /**
     * A matrix of the given shape with elements in [lo, hi]. A multi-element matrix whose elements
     * are all equal (a symmetric input) is filtered out.
     */
    public static Arbitrary<Matrix> matrix(Shape s, double lo, double hi) {
        return values(lo, hi).list().ofSize(s.rows() * s.cols())
                .filter(v -> v.size() == 1 || v.stream().distinct().count() > 1)
                .map(v -> Matrix.of(s.rows(), s.cols(), v.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** A matrix with generated shape (up to maxRows x maxCols) and elements in [lo, hi]. */
    public static Arbitrary<Matrix> matrices(int maxRows, int maxCols, double lo, double hi) {
        return shapes(maxRows, maxCols).flatMap(s -> matrix(s, lo, hi));
    }

    /** Elements in [-1, 1]: the default O(1) range. */
    public static Arbitrary<Matrix> matrices(int maxRows, int maxCols) {
        return matrices(maxRows, maxCols, -1.0, 1.0);
    }

    /**
     * Elements in [lo, hi] with magnitude at least {@code minMagnitude}, of either sign: inputs kept
     * away from 0 (for divisions and negative powers) without making them all positive.
     */
    public static Arbitrary<Matrix> awayFromZero(Shape s, double minMagnitude, double maxMagnitude) {
        Arbitrary<Double> v = Combinators.combine(values(minMagnitude, maxMagnitude),
                Arbitraries.of(-1.0, 1.0)).as((m, sign) -> m * sign);
        return v.list().ofSize(s.rows() * s.cols())
                .filter(l -> l.size() == 1 || l.stream().distinct().count() > 1)
                .map(l -> Matrix.of(s.rows(), s.cols(), l.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * The upstream gradient G of every vector-Jacobian check: magnitudes in [0.1, 1], either sign,
     * twelve decimals. The contract, and why:
     * <ul>
     *   <li>at least 0.1 in magnitude: every output element weighs in, so a backward that is wrong
     *       at one element is wrong in the checked gradient by an amount of the order of that error
     *       (an entry of G near 0 would mute it, and a draw of [-1, 1] comes within 1e-3 of 0 in
     *       one element of 1,000);
     *   <li>at most 1: the checked gradients stay of order one, the scale the checker's tolerance
     *       (rtol 1e-6 against an absolute floor of 1e-8) is stated for;
     *   <li>either sign, fine decimals: G is never a multiple of the ones matrix, so the test loss
     *       sum(G * out) is never a plain sum (whose gradient through softmax and batchnorm is zero,
     *       letting a wrong backward through), and no two entries cancel by construction.
     * </ul>
     */
    public static Arbitrary<Matrix> upstream(Shape s) {
        return awayFromZero(s, 0.1, 1.0);
    }

    /**
     * An upstream gradient with the contract of {@link #upstream(Shape)}, drawn from a seed: for a
     * property that builds G inside its body, for a shape it only learns there.
     */
    public static Matrix upstream(Shape s, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        return Matrix.generate(s.rows(), s.cols(), (i, j) -> (r.nextBoolean() ? 1 : -1) * r.nextDouble(0.1, 1.0));
    }

    /**
     * x with each row's first maximum raised by {@code margin}, so it beats the runner-up by at least
     * margin: the row max without ties, where it is differentiable.
     */
    public static Matrix liftRowMax(Matrix x, double margin) {
        int[] arg = x.max(1).indices();
        return Matrix.generate(x.rows(), x.cols(), (i, j) -> x.get(i, j) + (j == arg[i] ? margin : 0.0));
    }

    /** Two matrices of the same generated shape. */
    public static Arbitrary<Tuple2<Matrix, Matrix>> sameShapePairs(int maxRows, int maxCols) {
        return shapes(maxRows, maxCols).flatMap(s ->
                Combinators.combine(matrix(s, -1, 1), matrix(s, -1, 1)).as(Tuple::of));
    }

    /** A pair (n, k) and (k, m) that can be multiplied. */
    public static Arbitrary<Tuple2<Matrix, Matrix>> matmulPairs(int maxDim) {
        return Combinators.combine(Arbitraries.integers().between(1, maxDim),
                        Arbitraries.integers().between(1, maxDim), Arbitraries.integers().between(1, maxDim))
                .as((n, k, m) -> List.of(n, k, m))
                .flatMap(d -> Combinators.combine(matrix(new Shape(d.get(0), d.get(1)), -1, 1),
                        matrix(new Shape(d.get(1), d.get(2)), -1, 1)).as(Tuple::of));
    }

    /**
     * A pair that broadcasts: the first (r, c), the second one of (r, c), (1, c), (r, 1), (1, 1),
     * possibly swapped so both orders are exercised.
     */
    public static Arbitrary<Tuple2<Matrix, Matrix>> broadcastPairs(int maxRows, int maxCols) {
        return Combinators.combine(shapes(maxRows, maxCols), Arbitraries.integers().between(0, 3),
                        Arbitraries.of(false, true))
                .as((s, kind, swap) -> Tuple.of(s, new Shape(kind % 2 == 1 ? 1 : s.rows(),
                        kind >= 2 ? 1 : s.cols()), swap))
                .flatMap(t -> Combinators.combine(matrix(t.get1(), -2, 2), matrix(t.get2(), 0.5, 2))
                        .as((a, b) -> t.get3() ? Tuple.of(b, a) : Tuple.of(a, b)));
    }

    /** An index matrix of the given shape with entries in [0, bound). */
    public static Arbitrary<IntMatrix> indices(Shape s, int bound) {
        return Arbitraries.integers().between(0, bound - 1).list().ofSize(s.rows() * s.cols())
                .map(l -> IntMatrix.of(s.rows(), s.cols(), l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** k indices in [0, bound) as an int array. */
    public static Arbitrary<int[]> indexArray(int k, int bound) {
        return Arbitraries.integers().between(0, bound - 1).array(int[].class).ofSize(k);
    }
}
