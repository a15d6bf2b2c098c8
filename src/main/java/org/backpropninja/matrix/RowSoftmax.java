package org.backpropninja.matrix;

/**
 * The result of {@link Fused#softmaxRows}: the softmax of every row and the two per-row values a
 * log-softmax needs, {@code log softmax(x)[i, j] = (x[i, j] - max[i]) - log(sums[i])}.
 *
 * @param probs the softmax, (n, m), each row summing to 1
 * @param max   each row's maximum, (n, 1)
 * @param sums  each row's sum of {@code exp(x - max)}, (n, 1), in [1, m]
 */
public record RowSoftmax(Matrix probs, Matrix max, Matrix sums) {
}
