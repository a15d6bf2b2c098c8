package org.backpropninja.nn;

import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Standardized;

/**
 * Batch normalisation over the rows of a batch, as in the notebook's Exercise 4:
 *
 * <pre>
 *   bnmean    = x.mean(0)                      (1, h)
 *   bnvar     = x.var(0, unbiased)             (1, h)   divides by n - 1 (Bessel)
 *   bnvar_inv = (bnvar + 1e-5)^-0.5            (1, h)
 *   bnraw     = (x - bnmean) * bnvar_inv       (n, h)
 *   out       = bngain * bnraw + bnbias        (n, h)
 * </pre>
 *
 * and its evaluation mode, which uses given statistics instead of the batch's.
 *
 * <p>Derivation: docs/derivations.md, Part 2, "{@code BatchNorm}".
 */
public final class BatchNorm {

    /** The notebook's epsilon, added to the variance before the inverse square root. */
    public static final double EPS = 1e-5;

    private BatchNorm() {
    }

    /**
     * Per-feature statistics for evaluation mode (the notebook's calibrated bnmean, bnvar).
     *
     * @param mean (1, h)
     * @param var  (1, h), the unbiased variance
     */
    public record Stats(Matrix mean, Matrix var) {
        public Stats {
            if (mean.rows() != 1 || var.rows() != 1 || mean.cols() != var.cols()) {
                throw new IllegalArgumentException("BatchNorm.Stats: mean " + mean.shape() + " and var "
                        + var.shape() + " must be (1, h) rows of one width");
            }
        }
    }

    /**
     * What the backward needs.
     *
     * @param out        the output, (n, h)
     * @param normalized the normalised input bnraw = (x - bnmean) * bnvar_inv, kept as its operands:
     *                   the backward computes its elements where it reads them, with the same bits
     * @param bnvarInv   (bnvar + eps)^-0.5, (1, h)
     * @param bngain     the scale, (1, h)
     * @param stats      this batch's mean and unbiased variance, (1, h) each
     */
    public record Forward(Matrix out, Standardized normalized, Matrix bnvarInv, Matrix bngain, Stats stats) {

        /** The normalised input bnraw, (n, h), computed on each call. */
        public Matrix bnraw() {
            return normalized.values();
        }
    }

    /** Gradients of the three inputs. */
    public record Grads(Matrix dx, Matrix dbngain, Matrix dbnbias) {
    }

    /** Training mode: x: (n, h) with n >= 2, bngain and bnbias: (1, h) -> out: (n, h). */
    public static Forward forward(Matrix x, Matrix bngain, Matrix bnbias) {
        if (x.rows() < 2) {
            throw new IllegalArgumentException("BatchNorm: training mode needs a batch of at least 2 rows"
                    + " (the unbiased variance divides by n - 1), x is " + x.shape());
        }
        ShapeChecks.requireRow("BatchNorm: bngain", bngain, x.cols(), x);
        ShapeChecks.requireRow("BatchNorm: bnbias", bnbias, x.cols(), x);
        Matrix bnmean = x.mean(0);                               // (1, h)
        Matrix bnvar = Fused.varianceAbout(x, bnmean);           // (1, h), / (n - 1), x.var(0)
        Matrix bnvarInv = bnvar.plus(EPS).pow(-0.5);             // (1, h)
        Standardized bnraw = new Standardized(x, bnmean, bnvarInv); // (n, h), (x - bnmean) * bnvar_inv
        Matrix out = Fused.mulThenAdd(bnraw, bngain, bnbias);     // (n, h), bnraw * bngain + bnbias, one pass
        return new Forward(out, bnraw, bnvarInv, bngain, new Stats(bnmean, bnvar));
    }

    /**
     * The notebook's closed form (Exercise 3), with S = sum over the batch of dout * bnraw:
     *
     * <pre>
     *   dx      = bngain * bnvar_inv / n * (n * dout - dout.sum(0) - n/(n-1) * bnraw * S)
     *   dbngain = S
     *   dbnbias = dout.sum(0)
     * </pre>
     *
     * dout: (n, h).
     */
    public static Grads backward(Forward f, Matrix dout) {
        f.out().requireSameShape("BatchNorm.backward: dout", dout);
        int n = dout.rows();
        Standardized bnraw = f.normalized();                    // (n, h), its elements computed where read
        Matrix dbnbias = dout.sum(0);                            // (1, h)
        Matrix dbngain = Fused.columnDot(dout, bnraw);           // (1, h), S = (dout * bnraw).sum(0)
        // the bracket n * dout - dout.sum(0) - n/(n-1) * bnraw * S and its factor, in one fused pass
        Matrix besselS = dbngain.scale(-n / (n - 1.0));          // (1, h), -n/(n-1) * S
        Matrix outer = f.bngain().mul(f.bnvarInv()).scale(1.0 / n); // (1, h), bngain * bnvar_inv / n
        // (n, h): (dout * n + (bnraw * besselS - dbnbias)) * outer
        Matrix dx = Fused.scaleAddAffineMul(dout, n, bnraw, besselS, dbnbias.neg(), outer);
        return new Grads(dx, dbngain, dbnbias);
    }

    /**
     * Evaluation mode, forward only: {@code bngain * (x - mean) * (var + eps)^-0.5 + bnbias} with
     * the given statistics; any batch size, including 1. x: (n, h) -> (n, h).
     */
    public static Matrix eval(Matrix x, Matrix bngain, Matrix bnbias, Stats stats) {
        ShapeChecks.requireRow("BatchNorm.eval: bngain", bngain, x.cols(), x);
        ShapeChecks.requireRow("BatchNorm.eval: bnbias", bnbias, x.cols(), x);
        ShapeChecks.requireRow("BatchNorm.eval: mean", stats.mean(), x.cols(), x);
        return Fused.mulThenAdd(Fused.subThenMul(x, stats.mean(), stats.var().plus(EPS).pow(-0.5)), bngain, bnbias);
    }
}
