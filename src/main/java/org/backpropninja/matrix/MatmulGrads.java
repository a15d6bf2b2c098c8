package org.backpropninja.matrix;

/**
 * The gradients of a product {@code x @ w} given the upstream gradient dout, from
 * {@link Fused#matmulBackward}.
 *
 * @param dx {@code dout @ w^T}, x's shape
 * @param dw {@code x^T @ dout}, w's shape
 */
public record MatmulGrads(Matrix dx, Matrix dw) {
}
