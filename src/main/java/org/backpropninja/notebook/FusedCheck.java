package org.backpropninja.notebook;

import java.util.List;
import java.util.Locale;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;

/**
 * The notebook's Exercises 2 and 3 as printed rows: the fused cross-entropy and batchnorm against
 * the staged chain of Exercise 1 on one minibatch, as the notebook's {@code cmp('logits', ...)} and
 * {@code cmp('hprebn', ...)} do. The fused backwards get the staged chain's upstream gradients, so
 * the comparison isolates each closed form.
 *
 * <p>Bounds, in units of eps = ulp(1) (derived in docs/derivations.md, "Fused against staged"):
 * the loss within 4 eps (V + n (1 + L)); dlogits within 4 eps V / n per element; both plus how far
 * the value moves between the two forwards' logits, which may differ in their last bits
 * ({@link #lossBound}, {@link #logitsBound}); dhprebn within
 * 8 n eps T_ij, T the size of the closed form's terms, because it is a difference of terms that
 * cancel. The notebook saw 6e-9 and 9e-10 in float32; double precision is some 10^8 times tighter.
 */
public final class FusedCheck {

    private static final double EPS = Math.ulp(1.0);

    private FusedCheck() {
    }

    /** One comparison: max |fused - staged|, the bound it must stay within, exact bit equality. */
    public record Row(String name, double maxDiff, double bound, boolean exact) {
        public boolean passed() {
            return maxDiff <= bound;
        }

        public String format() {
            return String.format(Locale.ROOT, "%-15s | exact: %-5s | max |fused - staged| %.3e | bound %.3e | %s",
                    name, exact, maxDiff, bound, passed() ? "pass" : "FAIL");
        }
    }

    /** The three comparisons on one minibatch: loss, logits (cross-entropy), hprebn (batchnorm). */
    public static List<Row> rows(Params p, IntMatrix Xb, int[] Yb) {
        StagedChain.Forward staged = StagedChain.forward(p, Xb, Yb);
        StagedChain.Grads dstaged = StagedChain.backward(staged);
        Mlp.Forward fused = Mlp.of(p).forward(p, Xb, Yb);
        int n = Xb.rows();
        int vocab = p.C().rows();

        double loss = fused.loss();
        Matrix fusedLogits = fused.layer2().out();
        Matrix stagedLogits = staged.value(Tensor.LOGITS);
        Row lossRow = new Row("loss", Math.abs(loss - staged.lossValue()),
                lossBound(loss, fusedLogits, stagedLogits, fused.ce().probs(), Yb), loss == staged.lossValue());

        Matrix dlogits = CrossEntropy.backward(fused.ce());
        Row logitsRow = row("logits", dlogits, dstaged.get(Tensor.LOGITS),
                logitsBound(fusedLogits, stagedLogits, fused.ce().probs()));

        Matrix dhpreact = dstaged.get(Tensor.HPREACT);
        Matrix dhprebn = BatchNorm.backward(fused.bn(), dhpreact).dx();
        Row hprebnRow = row("hprebn", dhprebn, dstaged.get(Tensor.HPREBN), batchNormBound(fused.bn(), dhpreact));
        return List.of(lossRow, logitsRow, hprebnRow);
    }

    static Row row(String name, Matrix fused, Matrix staged, Matrix bound) {
        double worst = 0;
        double worstBound = bound.get(0, 0);
        double worstRatio = -1;
        for (int i = 0; i < fused.rows(); i++) {
            for (int j = 0; j < fused.cols(); j++) {
                double d = Math.abs(fused.get(i, j) - staged.get(i, j));
                double ratio = d / bound.get(i, j);
                if (ratio > worstRatio || Double.isNaN(d)) {
                    worstRatio = Double.isNaN(d) ? Double.POSITIVE_INFINITY : ratio;
                    worst = d;
                    worstBound = bound.get(i, j);
                }
            }
        }
        return new Row(name, worst, worstBound, fused.equals(staged));
    }

    /**
     * The bound of the fused loss L against the staged one: 4 eps (V + n (1 + |L|)), the rounding of
     * the log-sum-exp against the staged steps on the same logits, plus how far the loss moves
     * between the two forwards' logits, which are not the same bits (the fused batchnorm computes
     * its variance its own way): (2 / n) sum_i (1 - p_iy exp(-2 dz_i)) dz_i, with dz_i the row's
     * largest logit difference ({@link #logitsMoved}) and p the fused softmax. By the mean value
     * theorem row i's loss moves by at most sum_k |p_ik - [k = y_i]| dz_i = 2 (1 - p_iy) dz_i at a
     * point between the two logits, where p_iy is at least exp(-2 dz_i) times the fused one.
     * Nothing is added where the logits agree (docs/derivations.md, "Fused against staged").
     */
    static double lossBound(double loss, Matrix fusedLogits, Matrix stagedLogits, Matrix fusedProbs, int[] y) {
        int n = fusedLogits.rows();
        double[] dz = logitsMoved(fusedLogits, stagedLogits);
        double moved = 0;
        for (int i = 0; i < n; i++) {
            moved += dz[i] == 0 ? 0 : 2 * (1 - fusedProbs.get(i, y[i]) * Math.exp(-2 * dz[i])) * dz[i];
        }
        return 4 * EPS * (fusedLogits.cols() + n * (1 + Math.abs(loss))) + moved / n;
    }

    /**
     * The bound of the fused dlogits against the staged one, per element (i, j):
     * 4 eps V / n + 2 p_ij dz_i exp(2 dz_i) / n, with dz_i the row's largest logit difference
     * ({@link #logitsMoved}) and p the fused softmax. The first term is the rounding of the closed
     * form against the staged steps on the same logits; the second is how far the softmax moves
     * between the two forwards' logits: by the mean value theorem,
     * |p_ij(a) - p_ij(b)| <= sum_k |dp_ij/dz_ik| |a_ik - b_ik| <= 2 p_ij dz_i at a point between,
     * where p_ij is at most exp(2 dz_i) times the fused one. Nothing is added where the logits agree.
     */
    static Matrix logitsBound(Matrix fusedLogits, Matrix stagedLogits, Matrix fusedProbs) {
        int n = fusedLogits.rows();
        int vocab = fusedLogits.cols();
        double[] dz = logitsMoved(fusedLogits, stagedLogits);
        return Matrix.generate(n, vocab, (i, j) -> 4 * EPS * vocab / n
                + (dz[i] == 0 ? 0 : 2 * fusedProbs.get(i, j) * dz[i] * Math.exp(2 * dz[i]) / n));
    }

    /** dz_i = max_k |fused_ik - staged_ik|: how far row i's logits differ between the two forwards. */
    static double[] logitsMoved(Matrix fusedLogits, Matrix stagedLogits) {
        double[] dz = new double[fusedLogits.rows()];
        for (int i = 0; i < dz.length; i++) {
            for (int k = 0; k < fusedLogits.cols(); k++) {
                dz[i] = Math.max(dz[i], Math.abs(fusedLogits.get(i, k) - stagedLogits.get(i, k)));
            }
        }
        return dz;
    }

    /**
     * The rounding bound of the closed form against the staged chain, per element:
     * 8 n eps (1 + |mean_j| bnvar_inv_j) T_ij, with
     * T_ij = |bngain_j bnvar_inv_j| / n (n |dout_ij| + sum_k |dout_kj| + n/(n-1) |bnraw_ij| sum_k |dout_kj bnraw_kj|),
     * the size of the terms the closed form adds (sums of absolute values: a sum's rounding grows
     * with its terms, not with its result). The factor 1 + |mean_j| bnvar_inv_j is the conditioning
     * of the mean subtraction: bndiff = hprebn - mean carries rounding of eps |mean_j| against a
     * spread of 1 / bnvar_inv_j, which both routes inherit (docs/derivations.md, "FusedCheck").
     */
    static Matrix batchNormBound(BatchNorm.Forward f, Matrix dout) {
        int n = dout.rows();
        Matrix absDout = dout.map(Math::abs);
        Matrix colAbsDout = absDout.sum(0);
        Matrix colAbsDoutRaw = dout.mul(f.bnraw()).map(Math::abs).sum(0).scale(n / (n - 1.0));
        Matrix coef = f.bngain().mul(f.bnvarInv()).map(Math::abs).scale(1.0 / n);
        Matrix conditioning = f.stats().mean().map(Math::abs).mul(f.bnvarInv()).plus(1.0);
        Matrix terms = absDout.scale(n).add(colAbsDout).add(f.bnraw().map(Math::abs).mul(colAbsDoutRaw));
        return terms.mul(coef).mul(conditioning).scale(8 * n * EPS);
    }
}
