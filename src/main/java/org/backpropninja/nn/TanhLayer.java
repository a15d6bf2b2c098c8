package org.backpropninja.nn;

import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.Matrix;

/**
 * The element-wise non-linearity {@code h = tanh(x)}.
 *
 * <p>Derivation: docs/derivations.md, Part 2, "{@code TanhLayer}".
 */
public final class TanhLayer {

    private TanhLayer() {
    }

    /** @param h the output, the only thing the backward needs: tanh' = 1 - tanh^2. */
    public record Forward(Matrix h) {
    }

    /** x: (n, m) -> h: (n, m). */
    public static Forward forward(Matrix x) {
        return new Forward(x.tanh());
    }

    /** dx = (1 - h^2) * dh, element-wise. dh: (n, m) -> dx: (n, m). */
    public static Matrix backward(Forward f, Matrix dh) {
        f.h().requireSameShape("TanhLayer.backward: dh", dh);
        return Fused.tanhBackward(f.h(), dh);         // (1 - h^2) * dh
    }
}
