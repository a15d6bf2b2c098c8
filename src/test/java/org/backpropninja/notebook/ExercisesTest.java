package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.junit.jupiter.api.Test;

/**
 * The plumbing a learner's workbook goes through: the values and upstream gradients a line reads,
 * the chain of 26 lines, and Exercise 4's layers' backward built from the pieces, checked with a
 * complete set of gradients written as a learner would write them, with the matrix API.
 */
class ExercisesTest {

    /** Every gradient written with the matrix API from the notebook's formulas, as a learner's workbook would be. */
    static class WrittenOut implements Exercises {

        @Override
        public Matrix dlogprobs(ForwardValues v, Upstream d) {
            return Matrix.oneHot(v.Yb(), v.logprobs().cols()).scale(-1.0 / v.n());
        }

        @Override
        public Matrix dprobs(ForwardValues v, Upstream d) {
            return v.probs().pow(-1).mul(d.dlogprobs());
        }

        @Override
        public Matrix dcountsSumInv(ForwardValues v, Upstream d) {
            return v.counts().mul(d.dprobs()).sum(1);
        }

        @Override
        public Matrix dcountsSum(ForwardValues v, Upstream d) {
            return v.countsSum().pow(-2).neg().mul(d.dcountsSumInv());
        }

        @Override
        public Matrix dcounts(ForwardValues v, Upstream d) {
            return v.countsSumInv().mul(d.dprobs()).add(Matrix.ones(v.counts().rows(), v.counts().cols()).mul(d.dcountsSum()));
        }

        @Override
        public Matrix dnormLogits(ForwardValues v, Upstream d) {
            return v.counts().mul(d.dcounts());
        }

        @Override
        public Matrix dlogitMax(ForwardValues v, Upstream d) {
            return d.dnormLogits().neg().sum(1);
        }

        @Override
        public Matrix dlogits(ForwardValues v, Upstream d) {
            return d.dnormLogits().add(Matrix.oneHot(v.logits().max(1).indices(), v.logits().cols()).mul(d.dlogitMax()));
        }

        @Override
        public Matrix dh(ForwardValues v, Upstream d) {
            return d.dlogits().matmul(v.W2().transpose());
        }

        @Override
        public Matrix dW2(ForwardValues v, Upstream d) {
            return v.h().transpose().matmul(d.dlogits());
        }

        @Override
        public Matrix db2(ForwardValues v, Upstream d) {
            return d.dlogits().sum(0);
        }

        @Override
        public Matrix dhpreact(ForwardValues v, Upstream d) {
            return v.h().pow(2).neg().plus(1.0).mul(d.dh());
        }

        @Override
        public Matrix dbngain(ForwardValues v, Upstream d) {
            return v.bnraw().mul(d.dhpreact()).sum(0);
        }

        @Override
        public Matrix dbnraw(ForwardValues v, Upstream d) {
            return v.bngain().mul(d.dhpreact());
        }

        @Override
        public Matrix dbnbias(ForwardValues v, Upstream d) {
            return d.dhpreact().sum(0);
        }

        @Override
        public Matrix dbnvarInv(ForwardValues v, Upstream d) {
            return v.bndiff().mul(d.dbnraw()).sum(0);
        }

        @Override
        public Matrix dbnvar(ForwardValues v, Upstream d) {
            return v.bnvar().plus(1e-5).pow(-1.5).scale(-0.5).mul(d.dbnvarInv());
        }

        @Override
        public Matrix dbndiff2(ForwardValues v, Upstream d) {
            return Matrix.ones(v.bndiff2().rows(), v.bndiff2().cols()).scale(1.0 / (v.n() - 1)).mul(d.dbnvar());
        }

        @Override
        public Matrix dbndiff(ForwardValues v, Upstream d) {
            return v.bnvarInv().mul(d.dbnraw()).add(v.bndiff().scale(2).mul(d.dbndiff2()));
        }

        @Override
        public Matrix dbnmeani(ForwardValues v, Upstream d) {
            return d.dbndiff().neg().sum(0);
        }

        @Override
        public Matrix dhprebn(ForwardValues v, Upstream d) {
            return d.dbndiff().add(Matrix.ones(v.hprebn().rows(), v.hprebn().cols()).mul(d.dbnmeani()).scale(1.0 / v.n()));
        }

        @Override
        public Matrix dembcat(ForwardValues v, Upstream d) {
            return d.dhprebn().matmul(v.W1().transpose());
        }

        @Override
        public Matrix dW1(ForwardValues v, Upstream d) {
            return v.embcat().transpose().matmul(d.dhprebn());
        }

        @Override
        public Matrix db1(ForwardValues v, Upstream d) {
            return d.dhprebn().sum(0);
        }

        @Override
        public Matrix demb(ForwardValues v, Upstream d) {
            return d.dembcat().reshape(v.emb().rows(), v.emb().cols());
        }

        @Override
        public Matrix dC(ForwardValues v, Upstream d) {
            return d.demb().scatterAddRows(v.Xb().toArray(), v.C().rows());
        }

        @Override
        public Matrix dlogits(Matrix logits, int[] Yb) {
            Matrix counts = logits.sub(logits.max(1).values()).exp();
            return counts.div(counts.sum(1)).sub(Matrix.oneHot(Yb, logits.cols())).scale(1.0 / logits.rows());
        }

        @Override
        public Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact) {
            int n = hprebn.rows();
            Matrix bnvarInv = hprebn.var(0).plus(1e-5).pow(-0.5);
            Matrix bnraw = hprebn.sub(hprebn.mean(0)).mul(bnvarInv);
            return bngain.mul(bnvarInv).scale(1.0 / n).mul(dhpreact.scale(n).sub(dhpreact.sum(0))
                    .sub(bnraw.scale(n / (n - 1.0)).mul(dhpreact.mul(bnraw).sum(0))));
        }
    }

    /**
     * Same mathematics, other rounding: the two sides differ by a few roundings of each element's
     * terms, far below 1e-10 of the largest gradient; a wrong value, a misplaced row or a forgotten
     * contribution differs by its own size.
     */
    private static void assertClose(Matrix expected, Matrix actual, String what) {
        double bound = 1e-10 * Math.max(1e-3, expected.maxAbs());
        assertTrue(expected.maxAbsDiff(actual) <= bound, what + ": " + expected.maxAbsDiff(actual) + " > " + bound);
    }

    @Test
    void theChainOfLinesWrittenWithTheMatrixApiIsTheStagedChainsBackward() {
        ChainCase c = ChainCase.small();
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        StagedChain.Grads expected = StagedChain.backward(f);
        StagedChain.Grads actual = new WrittenOut().chain(ForwardValues.of(f));
        for (Tensor t : StagedChain.CMP_ORDER) {
            assertClose(expected.get(t), actual.get(t), "d" + t.notebookName());
        }
    }

    /** Exercise 4's backward, from the layered forward's values, is the layers' own backward. */
    @Test
    void theLayersBackwardBuiltFromThePiecesIsTheNetworksBackward() {
        ChainCase c = ChainCase.small();
        Mlp mlp = Mlp.of(c.params());
        Mlp.Forward f = mlp.forward(c.params(), c.Xb(), c.Yb());
        Params expected = mlp.backward(f);
        Params actual = new WrittenOut().layersBackward(ForwardValues.ofLayers(c.params(), f, c.Xb(), c.Yb()));
        for (int i = 0; i < Params.NAMES.size(); i++) {
            assertClose(expected.asList().get(i), actual.asList().get(i), "d" + Params.NAMES.get(i));
        }
    }

    @Test
    void aLineReadingAGradientNotYetKnownIsToldSoNamingBoth() {
        ChainCase c = ChainCase.small();
        StagedChain.Grads g = StagedChain.backward(StagedChain.forward(c.params(), c.Xb(), c.Yb()));
        Upstream d = Upstream.before(Tensor.COUNTS, g);
        assertTrue(d.dcountsSum().equals(g.get(Tensor.COUNTS_SUM)));
        IllegalStateException e = assertThrows(IllegalStateException.class, d::dnormLogits);
        assertTrue(e.getMessage().contains("dcounts reads dnorm_logits"), e.getMessage());
    }

    @Test
    void aPieceNotWrittenYetStopsExercise4NamingIt() {
        ChainCase c = ChainCase.small();
        Mlp.Forward f = Mlp.of(c.params()).forward(c.params(), c.Xb(), c.Yb());
        Exercises blank = new BlankExercises();
        Exercises.LineFailure e = assertThrows(Exercises.LineFailure.class,
                () -> blank.layersBackward(ForwardValues.ofLayers(c.params(), f, c.Xb(), c.Yb())));
        assertTrue(e.getMessage().contains("dlogits is not written yet") && e.notWritten(), e.getMessage());
        assertTrue(List.of(blank.dC(null, null), blank.dlogits((Matrix) null, null)).stream().allMatch(Exercises::isNotYet));
    }

    /** A complete backward but for one line of Exercise 1, given here. */
    private static Exercises.LineFailure failureWithDb1(java.util.function.Function<ForwardValues, Matrix> db1) {
        ChainCase c = ChainCase.small();
        Mlp.Forward f = Mlp.of(c.params()).forward(c.params(), c.Xb(), c.Yb());
        Exercises ex = new WrittenOut() {
            @Override
            public Matrix db1(ForwardValues v, Upstream d) {
                return db1.apply(v);
            }
        };
        return assertThrows(Exercises.LineFailure.class,
                () -> ex.layersBackward(ForwardValues.ofLayers(c.params(), f, c.Xb(), c.Yb())));
    }

    /** Exercise 4 names the learner's line and what it did: null, a throw (an IllegalStateException too), a shape, NaN, recursion. */
    @Test
    void aBrokenPieceStopsExercise4NamingItAndWhatItDid() {
        assertEquals("db1 returned null", failureWithDb1(v -> null).getMessage());
        Exercises.LineFailure threw = failureWithDb1(v -> {
            throw new IllegalStateException("mine");
        });
        assertEquals("db1 threw java.lang.IllegalStateException: mine", threw.getMessage());
        assertFalse(threw.notWritten());
        assertTrue(failureWithDb1(v -> Matrix.zeros(v.hprebn().rows(), v.b1().cols())).getMessage()
                .matches("db1 is \\(6, 5\\) but b1 is \\(1, 5\\)"));
        assertEquals("db1 returned NaN at (0, 2)", failureWithDb1(v -> Matrix.zeros(1, v.b1().cols())
                .with(0, 2, Double.NaN)).getMessage());
        assertEquals("db1 recursed without end (StackOverflowError)", failureWithDb1(new java.util.function.Function<>() {
            @Override
            public Matrix apply(ForwardValues v) {
                return apply(v);
            }
        }).getMessage());
    }
}
