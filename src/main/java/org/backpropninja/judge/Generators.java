package org.backpropninja.judge;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/**
 * The value generators under every judged case, the project's own properties included: doubles
 * without jqwik's edge cases, matrices without all-equal elements, the random upstream gradient and
 * the row maximum lifted clear of ties. {@link Domain} names them for a layer's inputs.
 */
public final class Generators {

    private Generators() {
    }

    /**
     * Doubles uniform in [lo, hi] with 12 decimals, without jqwik's edge cases (0, bounds), so
     * inputs are generic. jqwik's defaults (2 decimals, a distribution skewed toward 0) draw exact
     * zeros, repeated values and values far below the checker's absolute tolerance often enough to
     * let a wrong backward through. They shrink toward 0, or toward the bound nearer to it.
     */
    public static Arbitrary<Double> values(double lo, double hi) {
        return Arbitraries.doubles().between(lo, hi).ofScale(12)
                .withDistribution(RandomDistribution.uniform()).withoutEdgeCases();
    }

    /**
     * A matrix of the given shape with elements in [lo, hi]. A multi-element matrix whose elements
     * are all equal (a symmetric input, which hides a missing transpose or a wrong index) is
     * filtered out.
     */
    public static Arbitrary<Matrix> matrix(Shape s, double lo, double hi) {
        return fill(s, values(lo, hi));
    }

    /**
     * Elements with magnitude in [minMagnitude, maxMagnitude], of either sign: inputs kept away from
     * 0 (for divisions and negative powers) without making them all positive.
     */
    public static Arbitrary<Matrix> awayFromZero(Shape s, double minMagnitude, double maxMagnitude) {
        return fill(s, Combinators.combine(values(minMagnitude, maxMagnitude), Arbitraries.of(-1.0, 1.0))
                .as((m, sign) -> m * sign));
    }

    private static Arbitrary<Matrix> fill(Shape s, Arbitrary<Double> element) {
        return element.list().ofSize(s.rows() * s.cols())
                .filter(v -> v.size() == 1 || v.stream().distinct().count() > 1)
                .map(v -> Matrix.of(s.rows(), s.cols(), v.stream().mapToDouble(Double::doubleValue).toArray()));
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
        SplittableRandom r = new SplittableRandom(seed);
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

    /** ix with its second position (row-major) set to its first, when it has two: a repeated index. */
    public static IntMatrix repeatFirst(IntMatrix ix) {
        int[] a = ix.toArray();
        if (a.length >= 2) {
            a[1] = a[0];
        }
        return IntMatrix.of(ix.rows(), ix.cols(), a);
    }

    /** An index matrix of the given shape with entries in [0, bound). */
    public static Arbitrary<IntMatrix> indices(Shape s, int bound) {
        return Arbitraries.integers().between(0, bound - 1).list().ofSize(s.rows() * s.cols())
                .map(l -> IntMatrix.of(s.rows(), s.cols(), l.stream().mapToInt(Integer::intValue).toArray()));
    }
}
