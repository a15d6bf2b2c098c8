package org.backpropninja.ops;

import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.Matrix;

/**
 * Hyperbolic tangent, the notebook's {@code h = torch.tanh(hpreact)}.
 *
 * <pre>
 *   x:   (r, c)
 *   out: (r, c)
 * </pre>
 *
 * Derivation: docs/derivations.md, section `Tanh`.
 */
public final class Tanh {

    private Tanh() {
    }

    /** What backward needs: the input, and the output (the derivative is written in it). */
    public record Forward(Matrix x, Matrix out) {
    }

    /** out = tanh(x). */
    public static Forward forward(Matrix x) {
        return new Forward(x, x.tanh());
    }

    /** dx = (1 - out^2) * dout. */
    public static Matrix backward(Forward f, Matrix dout) {
        f.out().requireSameShape("Tanh.backward", dout);
        return Fused.tanhBackward(f.out(), dout);     // (1 - out^2) * dout, the layer's kernel too
    }
}
