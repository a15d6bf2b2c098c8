package org.backpropninja.nn;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * A test-only reference forward of the network in forward-mode automatic differentiation: every
 * parameter element becomes p + t d as a {@link DerivativeStructure} in one free parameter t, so the
 * loss's first derivative in t is the exact directional derivative <grad L, d> at t = 0, free of
 * any step size. It is written independently of the layer classes, line by line from the notebook's
 * Exercise 4 forward (batch statistics, unbiased variance, eps 1e-5, max-subtracted cross-entropy).
 */
final class ForwardModeMlp {

    private ForwardModeMlp() {
    }

    /** The loss at p and its derivative along d: value() and getPartialDerivative(1). */
    static DerivativeStructure loss(Params p, Params d, IntMatrix Xb, int[] Yb) {
        DerivativeStructure[][] C = lift(p.C(), d.C());
        DerivativeStructure[][] W1 = lift(p.W1(), d.W1());
        DerivativeStructure[][] b1 = lift(p.b1(), d.b1());
        DerivativeStructure[][] W2 = lift(p.W2(), d.W2());
        DerivativeStructure[][] b2 = lift(p.b2(), d.b2());
        DerivativeStructure[][] bngain = lift(p.bngain(), d.bngain());
        DerivativeStructure[][] bnbias = lift(p.bnbias(), d.bnbias());
        int n = Xb.rows();
        int block = Xb.cols();
        int embd = p.C().cols();
        int hidden = p.W1().cols();
        int vocab = p.W2().cols();

        // emb = C[Xb]; embcat = emb.view(n, -1)
        DerivativeStructure[][] embcat = new DerivativeStructure[n][block * embd];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < block; j++) {
                for (int e = 0; e < embd; e++) {
                    embcat[i][j * embd + e] = C[Xb.get(i, j)][e];
                }
            }
        }
        // hprebn = embcat @ W1 + b1
        DerivativeStructure[][] hprebn = affine(embcat, W1, b1[0]);
        // batchnorm with the batch's mean and unbiased variance
        DerivativeStructure[][] h = new DerivativeStructure[n][hidden];
        for (int j = 0; j < hidden; j++) {
            DerivativeStructure sum = zero();
            for (int i = 0; i < n; i++) {
                sum = sum.add(hprebn[i][j]);
            }
            DerivativeStructure mean = sum.divide(n);
            DerivativeStructure ss = zero();
            for (int i = 0; i < n; i++) {
                DerivativeStructure diff = hprebn[i][j].subtract(mean);
                ss = ss.add(diff.multiply(diff));
            }
            DerivativeStructure var = ss.divide(n - 1);
            DerivativeStructure inv = var.add(1e-5).pow(-0.5);
            for (int i = 0; i < n; i++) {
                DerivativeStructure raw = hprebn[i][j].subtract(mean).multiply(inv);
                h[i][j] = bngain[0][j].multiply(raw).add(bnbias[0][j]).tanh();
            }
        }
        // logits = h @ W2 + b2; loss = mean_i (logsumexp(logits_i) - logits_i[y_i])
        DerivativeStructure[][] logits = affine(h, W2, b2[0]);
        DerivativeStructure total = zero();
        for (int i = 0; i < n; i++) {
            DerivativeStructure max = logits[i][0];
            for (int v = 1; v < vocab; v++) {
                if (logits[i][v].getValue() > max.getValue()) {
                    max = logits[i][v];
                }
            }
            DerivativeStructure sumExp = zero();
            for (int v = 0; v < vocab; v++) {
                sumExp = sumExp.add(logits[i][v].subtract(max).exp());
            }
            total = total.add(sumExp.log().subtract(logits[i][Yb[i]].subtract(max)));
        }
        return total.divide(n);
    }

    private static DerivativeStructure[][] affine(DerivativeStructure[][] x, DerivativeStructure[][] W,
                                                 DerivativeStructure[] b) {
        int n = x.length;
        int k = W.length;
        int m = W[0].length;
        DerivativeStructure[][] out = new DerivativeStructure[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                DerivativeStructure acc = zero();
                for (int r = 0; r < k; r++) {
                    acc = acc.add(x[i][r].multiply(W[r][j]));
                }
                out[i][j] = acc.add(b[j]);
            }
        }
        return out;
    }

    /** Element (i, j) becomes m_ij + t dm_ij: value m_ij, derivative dm_ij. */
    private static DerivativeStructure[][] lift(Matrix m, Matrix dm) {
        DerivativeStructure[][] out = new DerivativeStructure[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[i][j] = new DerivativeStructure(1, 1, m.get(i, j), dm.get(i, j));
            }
        }
        return out;
    }

    private static DerivativeStructure zero() {
        return new DerivativeStructure(1, 1, 0.0, 0.0);
    }
}
