package org.backpropninja.ops;

import static org.backpropninja.testing.Verdicts.assertRejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.VjpCase;

/**
 * The four values the notebook uses twice -- counts, logits, bndiff, hprebn. For each, the function
 * under test is the sub-graph from that value through both of its uses to where they meet again,
 * and its gradient is the SUM of the two contributions, composed from the step classes exactly as
 * the notebook's staged chain (notebook/StagedChain) composes them. Each has a twin asserting that dropping one of the
 * two contributions is rejected by the same checker.
 */
class BranchProperties {

    /** The notebook's batchnorm epsilon, {@code (bnvar + 1e-5) ** -0.5}. */
    private static final double BN_EPS = 1e-5;

    private static final Tolerance TOL = Tolerance.DEFAULT;

    // ------------------------------------------------------------------ counts

    /** probs = counts * counts.sum(1)^-1: counts feeds the product and the row sum. */
    private static Matrix probs(Matrix counts) {
        SumAxis.Forward countsSum = SumAxis.forward(counts, 1);
        Pow.Forward countsSumInv = Pow.forward(countsSum.out(), -1.0);
        return BroadcastMul.forward(counts, countsSumInv.out()).out();
    }

    private static List<Matrix> dcounts(Matrix counts, Matrix dprobs, boolean bothBranches) {
        SumAxis.Forward countsSum = SumAxis.forward(counts, 1);
        Pow.Forward countsSumInv = Pow.forward(countsSum.out(), -1.0);
        BroadcastMul.Grads probsGrads = BroadcastMul.backward(BroadcastMul.forward(counts, countsSumInv.out()), dprobs);
        Matrix dcountsSum = Pow.backward(countsSumInv, probsGrads.db());
        Matrix dcounts = probsGrads.da().add(SumAxis.backward(countsSum, dcountsSum));
        return List.of(bothBranches ? dcounts : probsGrads.da());
    }

    /** Positive counts in [0.2, 3], as exp of O(1) logits would be. */
    @Provide
    Arbitrary<VjpCase> countsCases() {
        return VjpCase.elementWise(MatrixArbitraries.matrices(12, 12, 0.2, 3));
    }

    @Property(tries = 300)
    void countsGradientSumsTheProductAndTheRowSumBranches(@ForAll("countsCases") VjpCase c) {
        GradientChecker.checkVjp("counts -> probs", in -> probs(in.get(0)),
                (in, g) -> dcounts(in.get(0), g, true), c.inputs(), c.G(), TOL).assertPassed();
    }

    /**
     * Two or more columns, as in the notebook (27): there both branches carry weight and the row-sum
     * branch only partly cancels the product branch. One column is not needed for the rejection to
     * work (see {@link #withOneColumnTheProductBranchAloneIsRejectedToo}): probs is then identically 1,
     * the true dcounts is 0, and the product branch alone gives G / counts.
     */
    @Provide
    Arbitrary<VjpCase> wideCountsCases() {
        return VjpCase.elementWise(MatrixArbitraries.shapes(1, 12, 2, 12)
                .flatMap(s -> MatrixArbitraries.matrix(s, 0.2, 3)));
    }

    @Property(tries = 200)
    void countsGradientWithoutTheRowSumBranchIsRejected(@ForAll("wideCountsCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("counts -> probs, product branch only", in -> probs(in.get(0)),
                (in, g) -> dcounts(in.get(0), g, false), c.inputs(), c.G(), TOL));
    }

    @Example
    void withOneColumnTheProductBranchAloneIsRejectedToo() {
        Matrix counts = Matrix.column(2.5, 0.7, 1.9, 0.4);
        Matrix g = Matrix.column(0.45, -0.22, 0.31, 0.26);
        Matrix productOnly = dcounts(counts, g, false).get(0);
        // G / counts: 0.18, -0.314..., 0.163..., 0.65
        assertTrue(Math.abs(productOnly.get(0, 0) - 0.18) < 1e-15, productOnly.toString());
        assertTrue(GradientChecker.checkVjp("counts -> probs, one column", in -> probs(in.get(0)),
                (in, gg) -> dcounts(in.get(0), gg, true), List.of(counts), g, TOL).passed());
        assertRejected(GradientChecker.checkVjp("counts -> probs, one column, product branch only",
                in -> probs(in.get(0)), (in, gg) -> dcounts(in.get(0), gg, false), List.of(counts), g, TOL));
    }

    // ------------------------------------------------------------------ logits

    /** norm_logits = logits - logits.max(1): logits feeds the subtraction and the row max. */
    private static Matrix normLogits(Matrix logits) {
        return BroadcastSub.forward(logits, RowMax.forward(logits).out()).out();
    }

    private static List<Matrix> dlogits(Matrix logits, Matrix dnormLogits, boolean bothBranches) {
        RowMax.Forward logitMax = RowMax.forward(logits);
        BroadcastSub.Grads normLogitsGrads = BroadcastSub.backward(
                BroadcastSub.forward(logits, logitMax.out()), dnormLogits);
        Matrix dlogits = normLogitsGrads.da().add(RowMax.backward(logitMax, normLogitsGrads.db()));
        return List.of(bothBranches ? dlogits : normLogitsGrads.da());
    }

    /** Logits with each row's arg-max lifted at least 0.05 clear of the runner-up. */
    @Provide
    Arbitrary<VjpCase> logitsCases() {
        return VjpCase.elementWise(Combinators.combine(MatrixArbitraries.matrices(12, 12, -3, 3),
                MatrixArbitraries.values(0.05, 0.5)).as(MatrixArbitraries::liftRowMax));
    }

    @Property(tries = 300)
    void logitsGradientSumsTheSubtractionAndTheRowMaxBranches(@ForAll("logitsCases") VjpCase c) {
        GradientChecker.checkVjp("logits -> norm_logits", in -> normLogits(in.get(0)),
                (in, g) -> dlogits(in.get(0), g, true), c.inputs(), c.G(), TOL).assertPassed();
    }

    @Property(tries = 200)
    void logitsGradientWithoutTheRowMaxBranchIsRejected(@ForAll("logitsCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("logits -> norm_logits, subtraction branch only",
                in -> normLogits(in.get(0)), (in, g) -> dlogits(in.get(0), g, false), c.inputs(), c.G(), TOL));
    }

    // ------------------------------------------------------------------ bndiff

    /** bnraw = bndiff * (1/(n-1) * (bndiff^2).sum(0) + eps)^-0.5: bndiff feeds the product and the variance. */
    private static Matrix bnraw(Matrix bndiff) {
        int n = bndiff.rows();
        Matrix bnvar = Scale.forward(SumAxis.forward(Pow.forward(bndiff, 2.0).out(), 0).out(), 1.0 / (n - 1)).out();
        return BroadcastMul.forward(bndiff, Pow.forward(bnvar, BN_EPS, -0.5).out()).out();
    }

    private static List<Matrix> dbndiff(Matrix bndiff, Matrix dbnraw, boolean bothBranches) {
        int n = bndiff.rows();
        Pow.Forward bndiff2 = Pow.forward(bndiff, 2.0);
        SumAxis.Forward bndiff2Sum = SumAxis.forward(bndiff2.out(), 0);
        Scale.Forward bnvar = Scale.forward(bndiff2Sum.out(), 1.0 / (n - 1));
        Pow.Forward bnvarInv = Pow.forward(bnvar.out(), BN_EPS, -0.5);
        BroadcastMul.Grads bnrawGrads = BroadcastMul.backward(BroadcastMul.forward(bndiff, bnvarInv.out()), dbnraw);
        Matrix dbnvar = Pow.backward(bnvarInv, bnrawGrads.db());
        Matrix dbndiff2 = SumAxis.backward(bndiff2Sum, Scale.backward(bnvar, dbnvar));
        Matrix dbndiff = bnrawGrads.da().add(Pow.backward(bndiff2, dbndiff2));
        return List.of(bothBranches ? dbndiff : bnrawGrads.da());
    }

    /**
     * A batch of n in 2..16 rows; entries of magnitude 0.2..1.5 of either sign, so that every column's
     * variance is well above eps and the function is smooth at the stencil's scale.
     */
    @Provide
    Arbitrary<VjpCase> bndiffCases() {
        return VjpCase.elementWise(MatrixArbitraries.shapes(2, 16, 1, 12)
                .flatMap(s -> MatrixArbitraries.awayFromZero(s, 0.2, 1.5)));
    }

    @Property(tries = 300)
    void bndiffGradientSumsTheProductAndTheVarianceBranches(@ForAll("bndiffCases") VjpCase c) {
        GradientChecker.checkVjp("bndiff -> bnraw", in -> bnraw(in.get(0)),
                (in, g) -> dbndiff(in.get(0), g, true), c.inputs(), c.G(), TOL).assertPassed();
    }

    @Property(tries = 200)
    void bndiffGradientWithoutTheVarianceBranchIsRejected(@ForAll("bndiffCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("bndiff -> bnraw, product branch only", in -> bnraw(in.get(0)),
                (in, g) -> dbndiff(in.get(0), g, false), c.inputs(), c.G(), TOL));
    }

    // ------------------------------------------------------------------ hprebn

    /** bndiff = hprebn - 1/n * hprebn.sum(0): hprebn feeds the subtraction and the mean. */
    private static Matrix bndiff(Matrix hprebn) {
        Matrix bnmeani = Scale.forward(SumAxis.forward(hprebn, 0).out(), 1.0 / hprebn.rows()).out();
        return BroadcastSub.forward(hprebn, bnmeani).out();
    }

    private static List<Matrix> dhprebn(Matrix hprebn, Matrix dbndiff, boolean bothBranches) {
        SumAxis.Forward hprebnSum = SumAxis.forward(hprebn, 0);
        Scale.Forward bnmeani = Scale.forward(hprebnSum.out(), 1.0 / hprebn.rows());
        BroadcastSub.Grads bndiffGrads = BroadcastSub.backward(BroadcastSub.forward(hprebn, bnmeani.out()), dbndiff);
        Matrix dhprebn = bndiffGrads.da().add(SumAxis.backward(hprebnSum, Scale.backward(bnmeani, bndiffGrads.db())));
        return List.of(bothBranches ? dhprebn : bndiffGrads.da());
    }

    @Provide
    Arbitrary<VjpCase> hprebnCases() {
        return VjpCase.elementWise(MatrixArbitraries.shapes(2, 16, 1, 12)
                .flatMap(s -> MatrixArbitraries.matrix(s, -2, 2)));
    }

    @Property(tries = 300)
    void hprebnGradientSumsTheSubtractionAndTheMeanBranches(@ForAll("hprebnCases") VjpCase c) {
        GradientChecker.checkVjp("hprebn -> bndiff", in -> bndiff(in.get(0)),
                (in, g) -> dhprebn(in.get(0), g, true), c.inputs(), c.G(), TOL).assertPassed();
    }

    @Property(tries = 200)
    void hprebnGradientWithoutTheMeanBranchIsRejected(@ForAll("hprebnCases") VjpCase c) {
        assertRejected(GradientChecker.checkVjp("hprebn -> bndiff, subtraction branch only",
                in -> bndiff(in.get(0)), (in, g) -> dhprebn(in.get(0), g, false), c.inputs(), c.G(), TOL));
    }
}
