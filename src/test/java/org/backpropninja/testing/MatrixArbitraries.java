package org.backpropninja.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.backpropninja.judge.Generators;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/**
 * Reusable generators for properties: shapes first, then values, combined so that jqwik shrinks a
 * failure to the smallest shape and the simplest values.
 *
 * <p>The values come from the judge's {@link Generators}, the one copy that the public API and
 * these properties share: ranges that avoid the degenerate inputs which hide wrong derivatives,
 * never an all-equal matrix of more than one element, the upstream gradient's contract. This class
 * adds the shapes and the pairs the notebook's steps need.
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

    /** Generic doubles in [lo, hi]: {@link Generators#values}. */
    public static Arbitrary<Double> values(double lo, double hi) {
        return Generators.values(lo, hi);
    }

    /** A matrix of the given shape with elements in [lo, hi], never all equal: {@link Generators#matrix}. */
    public static Arbitrary<Matrix> matrix(Shape s, double lo, double hi) {
        return Generators.matrix(s, lo, hi);
    }

    /** A matrix with generated shape (up to maxRows x maxCols) and elements in [lo, hi]. */
    public static Arbitrary<Matrix> matrices(int maxRows, int maxCols, double lo, double hi) {
        return shapes(maxRows, maxCols).flatMap(s -> matrix(s, lo, hi));
    }

    /** A matrix (up to maxRows x maxCols, elements in [-3, 3]) and one column index per row, as targets pick. */
    public static Arbitrary<Tuple2<Matrix, int[]>> withAColumnPerRow(int maxRows, int maxCols) {
        return withAColumnPerRow(matrices(maxRows, maxCols, -3, 3));
    }

    /** Each matrix drawn with one column index per row. */
    public static Arbitrary<Tuple2<Matrix, int[]>> withAColumnPerRow(Arbitrary<Matrix> matrices) {
        return matrices.flatMap(x -> Arbitraries.integers().between(0, x.cols() - 1)
                .array(int[].class).ofSize(x.rows()).map(idx -> Tuple.of(x, idx)));
    }

    /** Elements in [-1, 1]: the default O(1) range. */
    public static Arbitrary<Matrix> matrices(int maxRows, int maxCols) {
        return matrices(maxRows, maxCols, -1.0, 1.0);
    }

    /** Elements of magnitude in [minMagnitude, maxMagnitude], either sign: {@link Generators#awayFromZero}. */
    public static Arbitrary<Matrix> awayFromZero(Shape s, double minMagnitude, double maxMagnitude) {
        return Generators.awayFromZero(s, minMagnitude, maxMagnitude);
    }

    /**
     * The upstream gradient G of every vector-Jacobian check, magnitudes in [0.1, 1], either sign:
     * {@link Generators#upstream(Shape)}, where the contract and its reasons are written.
     */
    public static Arbitrary<Matrix> upstream(Shape s) {
        return Generators.upstream(s);
    }

    /** An upstream gradient with the same contract, drawn from a seed: {@link Generators#upstream(Shape, long)}. */
    public static Matrix upstream(Shape s, long seed) {
        return Generators.upstream(s, seed);
    }

    /** x with each row's first maximum raised by margin: {@link Generators#liftRowMax}. */
    public static Matrix liftRowMax(Matrix x, double margin) {
        return Generators.liftRowMax(x, margin);
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

    /** An index matrix of the given shape with entries in [0, bound): {@link Generators#indices}. */
    public static Arbitrary<IntMatrix> indices(Shape s, int bound) {
        return Generators.indices(s, bound);
    }

    /** k indices in [0, bound) as an int array. */
    public static Arbitrary<int[]> indexArray(int k, int bound) {
        return Arbitraries.integers().between(0, bound - 1).array(int[].class).ofSize(k);
    }
}
