package org.backpropninja.matrix;

/**
 * The matrix {@code (x - shift) * scale} (shift and scale of x's shape or one row of its width,
 * broadcast like {@link Matrix#sub} and {@link Matrix#mul}), kept as its three operands instead of
 * its elements: batchnorm's normalised input, which its backward reads twice and nothing else
 * needs. The fused kernels that take one ({@link Fused#mulThenAdd(Standardized, Matrix, Matrix)},
 * {@link Fused#columnDot(Matrix, Standardized)},
 * {@link Fused#scaleAddAffineMul(Matrix, double, Standardized, Matrix, Matrix, Matrix)}) compute
 * each element where they use it, with the bits of {@link #values()}, so the step allocates and
 * writes no (n, h) intermediate for it (docs/speed.md, section "Round 2").
 *
 * @param x     (n, c)
 * @param shift (n, c) or (1, c)
 * @param scale (n, c) or (1, c)
 */
public record Standardized(Matrix x, Matrix shift, Matrix scale) {

    public Standardized {
        Guards.rowOperands("Standardized", x, shift, scale);
    }

    /** The elements, {@code Fused.subThenMul(x, shift, scale)}: (n, c). */
    public Matrix values() {
        return Fused.subThenMul(x, shift, scale);
    }
}
