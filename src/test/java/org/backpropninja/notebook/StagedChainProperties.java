package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.backpropninja.testing.Verdicts.assertRejected;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;

/**
 * The staged chain as a whole: composed as the notebook composes it, its backward gives all seven
 * parameter gradients of the full loss, as finite differences of that loss confirm, and each of its
 * 26 lines is its tensor's gradient (the inherited laws of Exercise 1, {@link StagedLineLaws}).
 */
class StagedChainProperties extends StagedLineLaws {

    /** The laws of Exercise 1 ({@link StagedLineLaws}) run on the reference's lines. */
    @Override
    protected Exercises exercises() {
        return ReferenceExercises.INSTANCE;
    }

    @Provide
    Arbitrary<ChainCase> chains() {
        return ChainCase.cases();
    }

    @Property(tries = 200)
    void lossFromAnyTensorAtItsOwnValueIsTheLoss(@ForAll("chains") ChainCase c) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        for (Tensor t : StagedChain.CMP_ORDER) {
            assertEquals(f.lossValue(), f.lossFrom(t, f.value(t)), 0.0, t.notebookName());
        }
    }

    /**
     * The gradient table's downstream functions are the staged forward itself: with a parameter
     * replaced, lossFrom gives exactly the loss of a fresh forward with that parameter; with one
     * element of a row-wise tensor moved, pushing only the changed row through gives exactly what
     * pushing every row through gives.
     */
    @Property(tries = 200)
    void lossFromAPerturbedTensorIsTheForwardsLossBitForBit(@ForAll("chains") ChainCase c,
            @ForAll @IntRange(min = 0, max = 1 << 20) int pick, @ForAll @DoubleRange(min = -0.5, max = 0.5) double delta) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        for (Tensor t : StagedChain.CMP_ORDER) {
            String name = t.notebookName();
            Matrix x = f.value(t);
            int k = pick % x.size();
            int r = k / x.cols();
            int col = k % x.cols();
            Matrix moved = x.with(r, col, x.get(r, col) + delta);
            double viaLossFrom = f.lossFrom(t, moved);
            if (t.isParameter()) {
                Params ps = Params.build(p -> p == t.param() ? moved : c.params().get(p));
                assertEquals(StagedChain.forward(ps, c.Xb(), c.Yb()).lossValue(), viaLossFrom, 0.0, name);
            }
            assertEquals(f.lossFromRecomputingAllRows(t, moved), viaLossFrom, 0.0, name);
        }
    }

    /**
     * A realistic slip -- dW1 from dbndiff, forgetting that hprebn also feeds bnmeani -- is
     * rejected by the same check on W1. (Batch norm makes every column of dhprebn sum to zero; the
     * slip leaves the mean branch's share in, which embcat's column means turn into an error.)
     */
    @Property(tries = 200)
    void dW1ThatForgetsTheMeanBranchIsRejected(@ForAll("chains") ChainCase c) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        StagedChain.Grads g = StagedChain.backward(f);
        Matrix wrongDW1 = f.embcat().out().transposeMatmul(g.get(Tensor.BNDIFF));
        Params p = c.params();
        Report r = GradientChecker.checkGradient("staged chain, dW1 without the mean branch", List.of("W1"),
                in -> StagedChain.forward(new Params(p.C(), in.get(0), p.b1(), p.W2(), p.b2(), p.bngain(),
                        p.bnbias()), c.Xb(), c.Yb()).lossValue(), List.of(p.W1()), List.of(wrongDW1), TOL);
        assertRejected(r);
    }
}
