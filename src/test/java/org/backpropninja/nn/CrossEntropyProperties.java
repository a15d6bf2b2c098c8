package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/** The fused cross-entropy: (softmax - onehot)/n against finite differences, invariants and edge cases. */
class CrossEntropyProperties {

    /** logits (n, V), n targets. */
    record Case(Matrix logits, int[] y) {
    }

    static Arbitrary<Case> cases(int maxN, int maxV, double lo, double hi) {
        return Combinators.combine(Arbitraries.integers().between(2, maxN), Arbitraries.integers().between(2, maxV))
                .as(Shape::new)
                .flatMap(s -> Combinators.combine(NnArbitraries.matrix(s, lo, hi),
                        NnArbitraries.targets(s.rows(), s.cols())).as(Case::new));
    }

    @Provide
    Arbitrary<Case> batches() {
        return cases(16, 30, -3, 3);
    }

    /** Smaller batches for the rejection and edge-case properties, whose point is not size. */
    @Provide
    Arbitrary<Case> smallBatches() {
        return cases(8, 12, -3, 3);
    }

    static Report check(Matrix logits, int[] y, Matrix dlogits) {
        return GradientChecker.checkGradient("CrossEntropy", List.of("logits"),
                in -> CrossEntropy.forward(in.get(0), y).loss(), List.of(logits), List.of(dlogits),
                Tolerance.DEFAULT);
    }

    static Matrix fused(Matrix logits, int[] y) {
        return CrossEntropy.backward(CrossEntropy.forward(logits, y));
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") Case c) {
        check(c.logits(), c.y(), fused(c.logits(), c.y())).assertPassed();
    }

    /** The classic slip: softmax / n without subtracting the one-hot of the targets. */
    static Matrix softmaxWithoutOneHot(Matrix logits, int[] y) {
        return CrossEntropy.forward(logits, y).probs().scale(1.0 / logits.rows());
    }

    @Property(tries = 200)
    void softmaxWithoutTheOneHotIsRejected(@ForAll("smallBatches") Case c) {
        assertTrue(check(c.logits(), c.y(), softmaxWithoutOneHot(c.logits(), c.y())).failed());
    }

    /**
     * Each row of dlogits is (p - onehot)/n with sum(p) = 1, so it sums to 0. The computed p sum to
     * 1 within about V roundings (one exp, one division, one addition each), so the bound is
     * 4 V ulp(1) / n (over 2000 random cases the worst observed was 0.66 V ulp(1) / n).
     */
    @Property(tries = 200)
    void everyRowOfDlogitsSumsToZero(@ForAll("batches") Case c) {
        Matrix dlogits = fused(c.logits(), c.y());
        int n = dlogits.rows();
        double bound = 4.0 * dlogits.cols() * Math.ulp(1.0) / n;
        Matrix rowSums = dlogits.sum(1);
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(rowSums.get(i, 0)) <= bound, "row " + i + " sums to " + rowSums.get(i, 0));
        }
    }

    /** Large logits: an offset of +-1e3 on O(1) variations u. */
    record Offset(Matrix u, int[] y, double offset) {
    }

    @Provide
    Arbitrary<Offset> offsets() {
        return Combinators.combine(smallBatches(), Arbitraries.of(1e3, -1e3)).as((c, o) -> new Offset(c.logits(), c.y(), o));
    }

    /**
     * Logits of magnitude 1e3 (exp(1e3) overflows a double): no NaN or infinity, and the gradient
     * still right. The checker's step is relative, 1e-3 * |x| = 1 at x = 1e3, too coarse for a map
     * whose curvature scale is 1, so it differentiates in the O(1) variation u with the offset held
     * fixed: d/du L(offset + u) = dL/dlogits. The loss is also shift-invariant: it equals the loss
     * of u itself up to the rounding of offset + u (ulp(1e3) ~ 1.1e-13), bounded by 1e-12.
     */
    @Property(tries = 200)
    void logitsOfMagnitudeAThousandStayFiniteAndCorrect(@ForAll("offsets") Offset c) {
        Matrix shifted = c.u().plus(c.offset());
        CrossEntropy.Forward f = CrossEntropy.forward(shifted, c.y());
        Matrix dlogits = CrossEntropy.backward(f);
        assertTrue(Double.isFinite(f.loss()) && dlogits.isFinite());
        assertTrue(Math.abs(f.loss() - CrossEntropy.forward(c.u(), c.y()).loss()) <= 1e-12);
        GradientChecker.checkGradient("CrossEntropy at logits +- 1e3", List.of("u"),
                in -> CrossEntropy.forward(in.get(0).plus(c.offset()), c.y()).loss(),
                List.of(c.u()), List.of(dlogits), Tolerance.DEFAULT).assertPassed();
    }

    /**
     * Saturated rows (gaps of hundreds between logits): softmax is one-hot to the last bit, the loss
     * is mean(max - logit[y]) and the gradient (onehot(argmax) - onehot(y)) / n, all finite.
     */
    @Example
    void saturatedLogitsGiveTheLimitingLossAndGradient() {
        Matrix logits = Matrix.of(3, 3, 1000, -1000, 500, -800, 999, 100, 0, -700, 700);
        int[] y = {2, 1, 0};
        CrossEntropy.Forward f = CrossEntropy.forward(logits, y);
        assertEquals((500.0 + 0.0 + 700.0) / 3, f.loss(), 1e-12);
        Matrix expected = Matrix.of(3, 3, 1, 0, -1, 0, 0, 0, -1, 0, 1).scale(1.0 / 3);
        assertEquals(0.0, CrossEntropy.backward(f).maxAbsDiff(expected), 1e-15);
    }

    /** Logits with the row maximum held by two columns a != b in every row. */
    record Tied(Matrix logits, int[] y, int[] a, int[] b) {
    }

    @Provide
    Arbitrary<Tied> ties() {
        return smallBatches().flatMap(c -> {
            int n = c.logits().rows();
            int v = c.logits().cols();
            return Combinators.combine(NnArbitraries.targets(n, v), NnArbitraries.targets(n, v - 1),
                    NnArbitraries.values(0, 1)).as((a, off, lift) -> {
                        int[] b = new int[n];
                        for (int i = 0; i < n; i++) {
                            b[i] = (a[i] + 1 + off[i]) % v;                 // a different column
                        }
                        Matrix m = c.logits();
                        Matrix rowMax = m.max(1).values();
                        Matrix tied = Matrix.generate(n, v, (i, j) ->
                                j == a[i] || j == b[i] ? rowMax.get(i, 0) + lift : m.get(i, j));
                        return new Tied(tied, c.y(), a, b);
                    });
        });
    }

    /**
     * With the maximum tied, which column the max picks must not matter: softmax is smooth there.
     * The gradient at the tie matches finite differences (whose steps move off the tie to either
     * side), and equals the gradients after nudging either tied column up by 1e-9, so that the
     * max then picks a, or b, to within the 1e-9 change of the logits (bound 1e-8).
     */
    @Property(tries = 200)
    void tiedRowMaximaGiveTheSameLossAndGradientWhicheverIsPicked(@ForAll("ties") Tied c) {
        Matrix dlogits = fused(c.logits(), c.y());
        check(c.logits(), c.y(), dlogits).assertPassed();
        Matrix pickA = nudge(c.logits(), c.a(), 1e-9);
        Matrix pickB = nudge(c.logits(), c.b(), 1e-9);
        assertTrue(fused(pickA, c.y()).maxAbsDiff(dlogits) <= 1e-8);
        assertTrue(fused(pickB, c.y()).maxAbsDiff(dlogits) <= 1e-8);
        double loss = CrossEntropy.forward(c.logits(), c.y()).loss();
        assertEquals(loss, CrossEntropy.forward(pickA, c.y()).loss(), 1e-8);
        assertEquals(loss, CrossEntropy.forward(pickB, c.y()).loss(), 1e-8);
    }

    private static Matrix nudge(Matrix m, int[] cols, double by) {
        return Matrix.generate(m.rows(), m.cols(), (i, j) -> j == cols[i] ? m.get(i, j) + by : m.get(i, j));
    }

    @Example
    void aTargetCountDifferentFromTheRowCountIsRejectedNamingTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.forward(Matrix.of(2, 3, 0.1, 0.5, -0.3, 0.9, -0.8, 0.2), new int[] {1, 0, 2}));
        assertTrue(e.getMessage().contains("3 targets") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Example
    void aTargetOutsideTheVocabularyIsRejectedNamingTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.forward(Matrix.of(2, 3, 0.1, 0.5, -0.3, 0.9, -0.8, 0.2), new int[] {1, 3}));
        assertTrue(e.getMessage().contains("target 3") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }
}
