package example;

import org.backpropninja.matrix.Matrix;

/**
 * Layer normalization over each row: y = gamma * (x - mean) / sqrt(var + eps) + beta, with the
 * row's mean and biased variance (divided by d, as PyTorch's LayerNorm does). The notebook
 * normalizes over the batch instead (batchnorm).
 */
public final class LayerNorm {

    public static final double EPS = 1e-5;

    private LayerNorm() {
    }

    /** What backward needs: xhat (n, d), rstd = 1/sqrt(var + eps) (n, 1), gamma (1, d); out (n, d). */
    public record Forward(Matrix xhat, Matrix rstd, Matrix gamma, Matrix out) {
    }

    /** x: (n, d), gamma: (1, d), beta: (1, d) -> out: (n, d). */
    public static Forward forward(Matrix x, Matrix gamma, Matrix beta) {
        Matrix xc = x.sub(x.mean(1));                      // (n, d)
        Matrix var = xc.mul(xc).mean(1);                   // (n, 1), biased: 1/d
        Matrix rstd = var.plus(EPS).pow(-0.5);             // (n, 1)
        Matrix xhat = xc.mul(rstd);                        // (n, d)
        return new Forward(xhat, rstd, gamma, xhat.mul(gamma).add(beta));
    }

    /** dx (n, d), dgamma (1, d), dbeta (1, d). */
    public record Grads(Matrix dx, Matrix dgamma, Matrix dbeta) {
    }

    /**
     * The closed form, row by row, with dxhat = dout * gamma:
     * dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)). The first mean is the path
     * through the row's mean, the second the path through its variance (d var / dx_i = 2 (x_i - mean) / d).
     */
    public static Grads backward(Forward f, Matrix dout) {
        Matrix dxhat = dout.mul(f.gamma());                                        // (n, d)
        Matrix dx = f.rstd().mul(dxhat.sub(dxhat.mean(1))
                .sub(f.xhat().mul(dxhat.mul(f.xhat()).mean(1))));                  // (n, d)
        return new Grads(dx, dout.mul(f.xhat()).sum(0), dout.sum(0));
    }
}
