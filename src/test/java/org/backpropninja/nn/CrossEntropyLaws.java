package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.notebook.Exercises;
import org.backpropninja.notebook.ReferenceExercises;
import org.backpropninja.testing.LawFailure;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.NnArbitraries;

/**
 * Exercise 2's laws, for any implementation of {@link Exercises}: the reference's
 * ({@link CrossEntropyProperties}, in every test run) and a learner's workbook (the workbook profile,
 * docs/workbook.md). dlogits is the gradient of the mean cross-entropy, by finite differences, over
 * generated batches (n 2..16, vocabularies 2..30), at logits of magnitude a thousand, and where a
 * row's maximum is tied.
 */
public abstract class CrossEntropyLaws {

    /** The section of docs/derivations.md that derives dlogits. */
    public static final String SECTION = "`CrossEntropy`: the fused loss and its one-line gradient";

    /** The implementation judged. */
    protected abstract Exercises exercises();

    /** logits (n, V), n targets. */
    public record Case(Matrix logits, int[] y) {
        @Override
        public String toString() {
            return "n " + logits.rows() + ", vocab " + logits.cols() + ", Yb " + Arrays.toString(y);
        }
    }

    static Arbitrary<Case> cases(int maxN, int maxV, double lo, double hi) {
        return Combinators.combine(Arbitraries.integers().between(2, maxN), Arbitraries.integers().between(2, maxV))
                .as(Shape::new)
                .flatMap(s -> Combinators.combine(MatrixArbitraries.matrix(s, lo, hi),
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

    /** The checker on dlogits: finite differences of the fused loss in the logits. */
    public static Report check(Matrix logits, int[] y, Matrix dlogits) {
        return GradientChecker.checkGradient("CrossEntropy", List.of("logits"),
                in -> CrossEntropy.forward(in.get(0), y).loss(), List.of(logits), List.of(dlogits),
                Tolerance.DEFAULT);
    }

    /** The judged dlogits, or null when it is not written yet. Fails, saying so, on a wrong shape or a throw. */
    Matrix judged(Matrix logits, int[] y, String caseText) {
        Matrix d;
        try {
            d = exercises().dlogits(logits, y);
        } catch (RuntimeException e) {
            throw LawFailure.refused("dlogits", caseText, "it threw " + e, SECTION, e);
        }
        if (Exercises.isNotYet(d)) {
            return null;
        }
        if (d == null || d.rows() != logits.rows() || d.cols() != logits.cols()) {
            throw LawFailure.refused("dlogits", caseText, "it is " + (d == null ? "null" : d.shape())
                    + " but logits is " + logits.shape(), SECTION, null);
        }
        return d;
    }

    /** Throws the judge's message unless the report passed. */
    static void require(Report r, String caseText, Matrix logits, Matrix dlogits, Matrix reference) {
        if (!r.passed()) {
            Map<String, Matrix> shown = new LinkedHashMap<>();
            shown.put("logits", logits);
            throw LawFailure.of("dlogits", caseText, shown, reference, dlogits, r, SECTION);
        }
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") Case c) {
        Matrix d = judged(c.logits(), c.y(), c.toString());
        if (d != null) {
            require(check(c.logits(), c.y(), d), c.toString(), c.logits(), d,
                    ReferenceExercises.INSTANCE.dlogits(c.logits(), c.y()));
        }
    }

    /** Large logits: an offset of +-1e3 on O(1) variations u. */
    public record Offset(Matrix u, int[] y, double offset) {
        @Override
        public String toString() {
            return "logits = u + " + offset + ", n " + u.rows() + ", vocab " + u.cols() + ", Yb " + Arrays.toString(y);
        }
    }

    @Provide
    Arbitrary<Offset> offsets() {
        return Combinators.combine(smallBatches(), Arbitraries.of(1e3, -1e3)).as((c, o) -> new Offset(c.logits(), c.y(), o));
    }

    /**
     * Logits of magnitude 1e3 (exp(1e3) overflows a double): no NaN or infinity, and the gradient
     * still right. The checker's step is relative, 1e-3 * |x| = 1 at x = 1e3, too coarse for a map
     * whose curvature scale is 1, so it differentiates in the O(1) variation u with the offset held
     * fixed: d/du L(offset + u) = dL/dlogits.
     */
    @Property(tries = 200)
    void logitsOfMagnitudeAThousandStayFiniteAndCorrect(@ForAll("offsets") Offset c) {
        Matrix shifted = c.u().plus(c.offset());
        Matrix dlogits = judged(shifted, c.y(), c.toString());
        if (dlogits == null) {
            return;
        }
        Report r = GradientChecker.checkGradient("CrossEntropy at logits +- 1e3", List.of("u"),
                in -> CrossEntropy.forward(in.get(0).plus(c.offset()), c.y()).loss(),
                List.of(c.u()), List.of(dlogits), Tolerance.DEFAULT);
        require(r, c.toString(), shifted, dlogits, ReferenceExercises.INSTANCE.dlogits(shifted, c.y()));
    }

    /** Logits with the row maximum held by two columns a != b in every row. */
    public record Tied(Matrix logits, int[] y, int[] a, int[] b) {
        @Override
        public String toString() {
            return "n " + logits.rows() + ", vocab " + logits.cols() + ", Yb " + Arrays.toString(y)
                    + ", each row's maximum tied between columns " + Arrays.toString(a) + " and " + Arrays.toString(b);
        }
    }

    @Provide
    Arbitrary<Tied> ties() {
        return smallBatches().flatMap(c -> {
            int n = c.logits().rows();
            int v = c.logits().cols();
            return Combinators.combine(NnArbitraries.targets(n, v), NnArbitraries.targets(n, v - 1),
                    MatrixArbitraries.values(0, 1)).as((a, off, lift) -> {
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
    void tiedRowMaximaGiveTheSameGradientWhicheverIsPicked(@ForAll("ties") Tied c) {
        Matrix dlogits = judged(c.logits(), c.y(), c.toString());
        if (dlogits == null) {
            return;
        }
        require(check(c.logits(), c.y(), dlogits), c.toString(), c.logits(), dlogits,
                ReferenceExercises.INSTANCE.dlogits(c.logits(), c.y()));
        Matrix pickA = nudge(c.logits(), c.a(), 1e-9);
        Matrix pickB = nudge(c.logits(), c.b(), 1e-9);
        String moved = "dlogits FAILS: it changes by more than 1e-8 when a tied row maximum moves by 1e-9\n  case: " + c
                + "\n  reread docs/derivations.md, section \"" + SECTION + "\"";
        assertTrue(judged(pickA, c.y(), c.toString()).maxAbsDiff(dlogits) <= 1e-8, moved);
        assertTrue(judged(pickB, c.y(), c.toString()).maxAbsDiff(dlogits) <= 1e-8, moved);
    }

    static Matrix nudge(Matrix m, int[] cols, double by) {
        return Matrix.generate(m.rows(), m.cols(), (i, j) -> j == cols[i] ? m.get(i, j) + by : m.get(i, j));
    }
}
