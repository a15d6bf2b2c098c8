package example;

import org.backpropninja.matrix.Matrix;

/**
 * y = x log x element-wise, for positive x only: the entropy term p log p. Its derivative is
 * log x + 1, the two branches of the product rule (log x from d x, x * 1/x from d log x).
 */
public final class XLogX {

    private XLogX() {
    }

    /** x: (n, d), positive -> out: (n, d). */
    public record Forward(Matrix x, Matrix out) {
    }

    public static Forward forward(Matrix x) {
        return new Forward(x, x.mul(x.log()));
    }

    /** dx = dout * (log x + 1). */
    public static Matrix backward(Forward f, Matrix dout) {
        return dout.mul(f.x().log().plus(1.0));
    }
}
