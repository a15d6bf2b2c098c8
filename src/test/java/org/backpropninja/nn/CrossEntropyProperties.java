package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.backpropninja.testing.Verdicts.assertRejected;
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
import org.backpropninja.notebook.Exercises;
import org.backpropninja.notebook.ReferenceExercises;
import org.backpropninja.testing.WrongBackwards;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.NnArbitraries;

/**
 * The fused cross-entropy: (softmax - onehot)/n against finite differences (the inherited laws of
 * Exercise 2, {@link CrossEntropyLaws}, on the reference), invariants and edge cases.
 */
class CrossEntropyProperties extends CrossEntropyLaws {

    @Override
    protected Exercises exercises() {
        return ReferenceExercises.INSTANCE;
    }

    static Matrix fused(Matrix logits, int[] y) {
        return CrossEntropy.backward(CrossEntropy.forward(logits, y));
    }

    @Property(tries = 200)
    void softmaxWithoutTheOneHotIsRejected(@ForAll("smallBatches") Case c) {
        assertRejected(check(c.logits(), c.y(), WrongBackwards.softmaxWithoutOneHot(c.logits(), c.y())));
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

    /**
     * Logits of magnitude 1e3 (exp(1e3) overflows a double): the loss is finite and shift-invariant,
     * the loss of the O(1) variation u itself up to the rounding of offset + u (ulp(1e3) ~ 1.1e-13),
     * bounded by 1e-12. (That dlogits is right there is a law of Exercise 2, {@link CrossEntropyLaws}.)
     */
    @Property(tries = 200)
    void theLossOfLogitsOfMagnitudeAThousandIsTheLossOfTheirVariation(@ForAll("offsets") Offset c) {
        CrossEntropy.Forward f = CrossEntropy.forward(c.u().plus(c.offset()), c.y());
        assertTrue(Double.isFinite(f.loss()));
        assertTrue(Math.abs(f.loss() - CrossEntropy.forward(c.u(), c.y()).loss()) <= 1e-12);
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

    /**
     * With the maximum tied, which column the max picks must not matter to the loss: it equals the
     * loss after nudging either tied column up by 1e-9 to within that change (bound 1e-8). (The
     * gradient at a tie is a law of Exercise 2, {@link CrossEntropyLaws}.)
     */
    @Property(tries = 200)
    void tiedRowMaximaGiveTheSameLossWhicheverIsPicked(@ForAll("ties") Tied c) {
        double loss = CrossEntropy.forward(c.logits(), c.y()).loss();
        assertEquals(loss, CrossEntropy.forward(nudge(c.logits(), c.a(), 1e-9), c.y()).loss(), 1e-8);
        assertEquals(loss, CrossEntropy.forward(nudge(c.logits(), c.b(), 1e-9), c.y()).loss(), 1e-8);
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

    /** The softmax sampling draws from: the row max subtracted, so exp never overflows; each row sums to 1. */
    @Example
    void softmaxIsStableAndSumsToOne() {
        double[] p = CrossEntropy.softmax(Matrix.row(1000, 999, -1000)).rowArray(0);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-15);
        assertEquals(1 / (1 + Math.exp(-1)), p[0], 1e-15);
        assertEquals(0.0, p[2]);
    }
}
