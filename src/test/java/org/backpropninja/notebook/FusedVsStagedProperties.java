package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.testing.WrongBackwards;
import org.backpropninja.testing.MlpCases;

/**
 * Exercises 2 and 3 against Exercise 1: the fused cross-entropy and batchnorm, forward and backward,
 * equal the staged chain's many small steps on the same network and minibatch, to a few ulps of the
 * magnitude of the terms involved. (The notebook reached 6e-9 and 9e-10 in float32; in double the
 * differences are of order 1e-16 times the terms' size.) Each bound is k ulp(1) times the sum of
 * the absolute values of the terms that enter the compared value, with k a small multiple of the
 * number of terms summed; the worst ratios observed over 3000 random networks are quoted beside
 * each bound.
 */
class FusedVsStagedProperties {

    private static final double EPS = Math.ulp(1.0);

    @Provide
    Arbitrary<MlpCases.Case> networks() {
        return MlpCases.small();
    }

    /**
     * The staged loss, -mean(log(counts * counts_sum^-1)[y]), against the fused log-sum-exp. Each
     * row's log-probability carries an absolute error of about V ulps (the V-term row sum) plus a
     * relative one of a few ulps, and the mean adds n more: bound 4 ulp(1) (V + n (1 + L))
     * (worst observed 0.3).
     */
    @Property(tries = 200)
    void fusedCrossEntropyForwardEqualsTheStagedLoss(@ForAll("networks") MlpCases.Case c) {
        StagedChain.Forward staged = StagedChain.forward(c.p(), c.Xb(), c.Yb());
        double fused = CrossEntropy.forward(staged.value(Tensor.LOGITS), c.Yb()).loss();
        int n = c.sizes().n();
        double bound = 4 * EPS * (c.sizes().vocab() + n * (1 + Math.abs(fused)));
        assertTrue(Math.abs(fused - staged.lossValue()) <= bound,
                () -> "fused " + fused + " staged " + staged.lossValue() + " bound " + bound);
    }

    /**
     * dlogits = (softmax - onehot)/n against the staged chain's eight steps back from the loss. An
     * element is (p - [j = y]) / n, and the staged route adds the max's gradient, a sum of V terms
     * of size up to 1/n that cancels to zero: bound 4 ulp(1) V / n per element (worst observed 0.88).
     */
    @Property(tries = 200)
    void fusedCrossEntropyBackwardEqualsTheStagedChain(@ForAll("networks") MlpCases.Case c) {
        StagedChain.Forward staged = StagedChain.forward(c.p(), c.Xb(), c.Yb());
        Matrix fused = CrossEntropy.backward(CrossEntropy.forward(staged.value(Tensor.LOGITS), c.Yb()));
        Matrix stagedDlogits = StagedChain.backward(staged).get(Tensor.LOGITS);
        double bound = 4 * EPS * c.sizes().vocab() / c.sizes().n();
        assertTrue(fused.maxAbsDiff(stagedDlogits) <= bound,
                () -> "max |fused - staged| " + fused.maxAbsDiff(stagedDlogits) + " bound " + bound);
    }

    /**
     * The fused batchnorm forward performs the staged chain's operations in the same order
     * (mean by sum and 1/n, variance by squares, sum and 1/(n-1), pow -0.5, then scale and shift),
     * so they agree bit for bit today; the bound, 4 n ulp(1) (|bngain bnraw| + |bnbias|) per
     * element, leaves room for a faster kernel that reorders the batch sums (n ulps each).
     */
    @Property(tries = 200)
    void fusedBatchNormForwardEqualsTheStagedSteps(@ForAll("networks") MlpCases.Case c) {
        StagedChain.Forward staged = StagedChain.forward(c.p(), c.Xb(), c.Yb());
        BatchNorm.Forward fused = BatchNorm.forward(staged.value(Tensor.HPREBN), c.p().bngain(), c.p().bnbias());
        Matrix stagedOut = staged.value(Tensor.HPREACT);
        int n = c.sizes().n();
        Matrix bound = c.p().bngain().mul(fused.bnraw()).map(Math::abs).add(c.p().bnbias().map(Math::abs))
                .scale(4 * n * EPS);
        for (int i = 0; i < stagedOut.rows(); i++) {
            for (int j = 0; j < stagedOut.cols(); j++) {
                double d = Math.abs(fused.out().get(i, j) - stagedOut.get(i, j));
                assertTrue(d <= bound.get(i, j), "hpreact (" + i + ", " + j + "): |fused - staged| " + d);
            }
        }
    }

    /**
     * The closed form dhprebn = bngain bnvar_inv / n (n G - sum G - n/(n-1) bnraw sum(G bnraw))
     * against the staged chain's ten steps back from dhpreact, with the staged chain's own dhpreact
     * as the upstream G of both. Per element (i, j) the terms of the closed form have total size
     * T_ij = |bngain_j bnvar_inv_j| / n (n |G_ij| + sum_k |G_kj| + n/(n-1) |bnraw_ij| sum_k |G_kj bnraw_kj|),
     * and both routes sum over the batch and inherit the rounding of the mean subtraction, so the
     * bound is FusedCheck.batchNormBound: 8 n ulp(1) (1 + |mean_j| bnvar_inv_j) T_ij.
     * dbngain and dbnbias are sums over the batch computed the same way: bound 2 n ulp(1) times the
     * sum of the absolute values of their terms, room for a reordered sum (observed: bit for bit
     * equal).
     */
    @Property(tries = 200)
    void fusedBatchNormBackwardEqualsTheStagedChain(@ForAll("networks") MlpCases.Case c) {
        String disagreement = batchNormDisagreement(c, BatchNorm::backward);
        assertTrue(disagreement == null, () -> disagreement);
    }

    @Property(tries = 200)
    void theStagedChainRejectsABatchNormBackwardWithoutBesselsCorrection(@ForAll("networks") MlpCases.Case c) {
        assertTrue(batchNormDisagreement(c, WrongBackwards::besselDropped) != null);
    }

    @Property(tries = 200)
    void theStagedChainRejectsSoftmaxWithoutTheOneHot(@ForAll("networks") MlpCases.Case c) {
        StagedChain.Forward staged = StagedChain.forward(c.p(), c.Xb(), c.Yb());
        Matrix wrong = WrongBackwards.softmaxWithoutOneHot(staged.value(Tensor.LOGITS), c.Yb());
        double bound = 4 * EPS * c.sizes().vocab() / c.sizes().n();
        assertTrue(wrong.maxAbsDiff(StagedChain.backward(staged).get(Tensor.LOGITS)) > bound);
    }

    /** The first element where a batchnorm backward leaves the bound above, or null if none does. */
    static String batchNormDisagreement(MlpCases.Case c,
                                        java.util.function.BiFunction<BatchNorm.Forward, Matrix, BatchNorm.Grads> backward) {
        StagedChain.Forward staged = StagedChain.forward(c.p(), c.Xb(), c.Yb());
        StagedChain.Grads stagedGrads = StagedChain.backward(staged);
        Matrix G = stagedGrads.get(Tensor.HPREACT);
        BatchNorm.Forward f = BatchNorm.forward(staged.value(Tensor.HPREBN), c.p().bngain(), c.p().bnbias());
        BatchNorm.Grads fused = backward.apply(f, G);
        int n = G.rows();
        Matrix absG = G.map(Math::abs);
        Matrix absGRaw = G.mul(f.bnraw()).map(Math::abs);
        Matrix colAbsG = absG.sum(0);
        Matrix colAbsGRaw = absGRaw.sum(0);
        Matrix bound = FusedCheck.batchNormBound(f, G);
        Matrix stagedDx = stagedGrads.get(Tensor.HPREBN);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < G.cols(); j++) {
                double d = Math.abs(fused.dx().get(i, j) - stagedDx.get(i, j));
                if (!(d <= bound.get(i, j))) {
                    return "dhprebn (" + i + ", " + j + "): |fused - staged| " + d + " vs bound " + bound.get(i, j);
                }
            }
        }
        for (int j = 0; j < G.cols(); j++) {
            double dg = Math.abs(fused.dbngain().get(0, j) - stagedGrads.get(Tensor.BNGAIN).get(0, j));
            double db = Math.abs(fused.dbnbias().get(0, j) - stagedGrads.get(Tensor.BNBIAS).get(0, j));
            if (!(dg <= 2 * n * EPS * colAbsGRaw.get(0, j)) || !(db <= 2 * n * EPS * colAbsG.get(0, j))) {
                return "dbngain or dbnbias " + j + ": " + dg + ", " + db;
            }
        }
        return null;
    }
}
