package org.backpropninja.matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * The training step's fused kernels: each computes in one pass, without temporaries, what a short
 * composition of {@link Matrix}'s general operations computes, with the same bits as that
 * composition unless its comment says otherwise. The layers use them; a learner reads
 * {@link Matrix} first and meets these as the same arithmetic, done faster.
 *
 * <p>These kernels also decide what runs side by side on a second core ({@link #matmulBackward},
 * {@link #addScaledEach}), so no layer or optimizer handles threads; every result is computed by
 * the same code whichever thread runs it, so the bits do not depend on it (docs/speed.md, section
 * "The row split"). Shape errors throw {@link IllegalArgumentException} naming the kernel and the
 * shapes.
 */
public final class Fused {

    private Fused() {
    }

    // ------------------------------------------------------------------ products

    /**
     * {@code x @ w + bias}: (n, k) @ (k, m) + (1, m) -> (n, m), the bias row broadcast over the rows.
     * One kernel: each output row starts from the bias instead of zeros, so the sum is the same as
     * {@code x.matmul(w).add(bias)} up to the order of additions.
     */
    public static Matrix affine(Matrix x, Matrix w, Matrix bias) {
        if (x.cols() != w.rows() || bias.rows() != 1 || bias.cols() != w.cols()) {
            throw new IllegalArgumentException("affine: " + x.shape() + " @ " + w.shape() + " + " + bias.shape());
        }
        return Matrix.wrap(x.rows(), w.cols(),
                Products.times(RowSplit.shared(), x.storage(), w.storage(), w.cols(), bias.storage()[0]));
    }

    /**
     * The backward of {@code x @ w}: given dout (n, m), {@code dx = dout @ w^T} (n, k) and
     * {@code dw = x^T @ dout} (k, m), the bits of {@code dout.matmulTranspose(w)} and
     * {@code x.transposeMatmul(dout)}. The two products read dout and nothing of each other, so they
     * run in one split, dx's rows from the front on this thread and dw's from the back on the
     * second core when it is free: each whole on one core keeps its data in that core's cache, and
     * a second core taken away costs no more than one thread ({@link RowPlan#inOneSplit}).
     */
    public static MatmulGrads matmulBackward(Matrix x, Matrix w, Matrix dout) {
        return matmulBackward(RowSplit.shared(), x, w, dout);
    }

    static MatmulGrads matmulBackward(RowSplit split, Matrix x, Matrix w, Matrix dout) {
        if (x.cols() != w.rows() || dout.rows() != x.rows() || dout.cols() != w.cols()) {
            throw new IllegalArgumentException("matmulBackward: x " + x.shape() + " @ w " + w.shape()
                    + " does not give dout's shape " + dout.shape());
        }
        // the kernels of dout.matmulTranspose(w) and x.transposeMatmul(dout), in one split
        double[][][] g = RowPlan.inOneSplit(split, List.of(
                Products.timesTransposedPlan(dout.storage(), w.storage()),     // dx: (n, k)
                Products.transposeTimesPlan(x.storage(), dout.storage())));    // dw: (k, m)
        return new MatmulGrads(Matrix.wrap(x.rows(), x.cols(), g[0]), Matrix.wrap(w.rows(), w.cols(), g[1]));
    }

    // ------------------------------------------------------------------ updates

    /**
     * {@code x + alpha * y} in one pass, shapes equal (no broadcasting): the SGD update
     * {@code p - lr * dp} is {@code addScaled(p, dp, -lr)}.
     */
    public static Matrix addScaled(Matrix x, Matrix y, double alpha) {
        x.requireSameShape("addScaled", y);
        return Matrix.wrap(x.rows(), x.cols(), FusedPasses.addScaled(RowSplit.shared(), x.storage(), y.storage(), alpha));
    }

    /**
     * {@link #addScaled} of each pair {@code (xs[i], ys[i])}, the results in the order of xs. The
     * updates are independent, so they run in one split ({@link RowPlan#inOneSplit}): this thread
     * from the first matrices on, the second core from the last back, until they meet.
     */
    public static List<Matrix> addScaledEach(List<Matrix> xs, List<Matrix> ys, double alpha) {
        return addScaledEach(RowSplit.shared(), xs, ys, alpha);
    }

    static List<Matrix> addScaledEach(RowSplit split, List<Matrix> xs, List<Matrix> ys, double alpha) {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException("addScaledEach: " + xs.size() + " matrices and " + ys.size()
                    + " gradients");
        }
        List<RowPlan> plans = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            xs.get(i).requireSameShape("addScaledEach: matrix " + i, ys.get(i));
            plans.add(FusedPasses.addScaledPlan(xs.get(i).storage(), ys.get(i).storage(), alpha));
        }
        double[][][] rows = RowPlan.inOneSplit(split, plans);
        Matrix[] out = new Matrix[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Matrix.wrap(xs.get(i).rows(), xs.get(i).cols(), rows[i]);
        }
        return List.of(out);
    }

    // ------------------------------------------------------------------ element-wise passes

    /**
     * {@code (x - a) * b} in one pass, a and b broadcast like {@link Matrix#sub} and {@link Matrix#mul}
     * (typically two (1, c) rows: subtract a mean, multiply by an inverse deviation). The result has
     * x's shape; the same bits as {@code x.sub(a).mul(b)}.
     */
    public static Matrix subThenMul(Matrix x, Matrix a, Matrix b) {
        Guards.rowOperands("subThenMul", x, a, b);
        return Matrix.wrap(x.rows(), x.cols(),
                FusedPasses.subThenMul(RowSplit.shared(), x.storage(), a.storage(), b.storage()));
    }

    /**
     * {@code x * a + b} in one pass, a and b broadcast like {@link Matrix#mul} and {@link Matrix#add}
     * (typically two (1, c) rows: a scale and a shift per column). The result has x's shape; the
     * same bits as {@code x.mul(a).add(b)} (no fused multiply-add).
     */
    public static Matrix mulThenAdd(Matrix x, Matrix a, Matrix b) {
        Guards.rowOperands("mulThenAdd", x, a, b);
        return Matrix.wrap(x.rows(), x.cols(),
                FusedPasses.mulThenAdd(RowSplit.shared(), x.storage(), a.storage(), b.storage()));
    }

    /**
     * {@code (x * s + (y * a + c)) * d} in one pass (batchnorm's backward to its input), y of x's
     * shape, a, c, d of it or one row: the bits of
     * {@code mulThenAdd(x, full(1, cols, s), mulThenAdd(y, a, c)).mul(d)}.
     */
    public static Matrix scaleAddAffineMul(Matrix x, double s, Matrix y, Matrix a, Matrix c, Matrix d) {
        x.requireSameShape("scaleAddAffineMul", y);
        Guards.rowOperands("scaleAddAffineMul", x, a, c, d);
        return Matrix.wrap(x.rows(), x.cols(), FusedPasses.scaleAddAffineMul(RowSplit.shared(), x.storage(), s,
                y.storage(), a.storage(), c.storage(), d.storage()));
    }

    /**
     * {@code x * a + b} for a {@link Standardized} x, without its elements as a matrix: the bits of
     * {@code mulThenAdd(x.values(), a, b)} (batchnorm's forward from its input in one pass).
     */
    public static Matrix mulThenAdd(Standardized x, Matrix a, Matrix b) {
        Matrix z = x.x();
        Guards.rowOperands("mulThenAdd", z, a, b);
        return Matrix.wrap(z.rows(), z.cols(), StandardizedPasses.mulThenAdd(RowSplit.shared(), z.storage(),
                x.shift().storage(), x.scale().storage(), a.storage(), b.storage()));
    }

    /**
     * {@link #scaleAddAffineMul(Matrix, double, Matrix, Matrix, Matrix, Matrix)} for a
     * {@link Standardized} y, without its elements as a matrix: the same bits as on {@code y.values()}.
     */
    public static Matrix scaleAddAffineMul(Matrix x, double s, Standardized y, Matrix a, Matrix c, Matrix d) {
        Matrix z = y.x();
        x.requireSameShape("scaleAddAffineMul", z);
        Guards.rowOperands("scaleAddAffineMul", x, a, c, d);
        return Matrix.wrap(x.rows(), x.cols(), StandardizedPasses.scaleAddAffineMul(RowSplit.shared(), x.storage(),
                s, z.storage(), y.shift().storage(), y.scale().storage(), a.storage(), c.storage(), d.storage()));
    }

    /** The backward of tanh in one pass: with h = tanh(x), {@code (1 - h^2) * dh}. Shapes equal. */
    public static Matrix tanhBackward(Matrix h, Matrix dh) {
        h.requireSameShape("tanhBackward", dh);
        return Matrix.wrap(h.rows(), h.cols(), FusedPasses.tanhBackward(RowSplit.shared(), h.storage(), dh.storage()));
    }

    // ------------------------------------------------------------------ column reductions

    /**
     * The unbiased column variance about given means, {@code sum((x - mean)^2, 0) / (n - 1)}: (n, c)
     * about (1, c) -> (1, c), n >= 2; {@code x.var(0)} without computing the mean a second time when
     * mean = x.mean(0).
     */
    public static Matrix varianceAbout(Matrix x, Matrix mean) {
        if (mean.rows() != 1 || mean.cols() != x.cols() || x.rows() < 2) {
            throw new IllegalArgumentException("varianceAbout: " + x.shape() + " about mean " + mean.shape()
                    + " (need at least 2 rows and a (1, " + x.cols() + ") mean)");
        }
        return Matrix.wrap(1, x.cols(), new double[][] {FusedPasses.varianceAbout(x.storage(), mean.storage()[0])});
    }

    /** Column-wise dot products {@code x.mul(y).sum(0)} without the temporary: (n, c), (n, c) -> (1, c). */
    public static Matrix columnDot(Matrix x, Matrix y) {
        x.requireSameShape("columnDot", y);
        return Matrix.wrap(1, x.cols(), new double[][] {FusedPasses.columnDot(x.storage(), y.storage())});
    }

    /** {@link #columnDot(Matrix, Matrix)} of x and a {@link Standardized} y: the same bits as on {@code y.values()}. */
    public static Matrix columnDot(Matrix x, Standardized y) {
        Matrix z = y.x();
        x.requireSameShape("columnDot", z);
        return Matrix.wrap(1, x.cols(), new double[][] {StandardizedPasses.columnDot(x.storage(), z.storage(),
                y.shift().storage(), y.scale().storage())});
    }

    // ------------------------------------------------------------------ softmax and cross-entropy

    /**
     * Softmax of every row, max subtracted first, with the row maxima and exponential sums: the bits
     * of {@code e = x.sub(x.max(1).values()).exp(); e.div(e.sum(1))}, in one pass per row.
     */
    public static RowSoftmax softmaxRows(Matrix x) {
        return FusedPasses.softmaxRows(RowSplit.shared(), x.storage());
    }

    /**
     * The mean over the rows of {@code -log softmax(x)[i, indices[i]]}, given x and its
     * {@link #softmaxRows}: the bits of
     * {@code -x.pick(indices).sub(s.max()).sub(s.sums().log()).sum() / n} (cross-entropy's loss)
     * without its four (n, 1) temporaries. x: (n, m).
     */
    public static double meanNegLogSoftmaxAt(Matrix x, int[] indices, RowSoftmax s) {
        if (indices.length != x.rows() || s.max().rows() != x.rows() || s.sums().rows() != x.rows()) {
            throw new IllegalArgumentException("meanNegLogSoftmaxAt: " + indices.length + " indices for "
                    + x.shape() + " with maxima " + s.max().shape() + " and sums " + s.sums().shape());
        }
        return -RowIndexing.sumLogSoftmaxAt(x.storage(), indices, s.max().storage(), s.sums().storage())
                / x.rows();
    }

    /**
     * {@code x - oneHot(indices, x.cols())} without the one-hot matrix, the same bits: row k copied
     * with 1 subtracted at column indices[k] (cross-entropy's softmax - onehot). x: (k, m).
     */
    public static Matrix subOneHot(Matrix x, int[] indices) {
        if (indices.length != x.rows()) {
            throw new IllegalArgumentException("subOneHot: " + indices.length + " indices for " + x.shape());
        }
        return Matrix.wrap(x.rows(), x.cols(), RowIndexing.subOneHot(x.storage(), indices));
    }

    /**
     * {@code (x - oneHot(indices, x.cols())) * s} in one pass: the bits of
     * {@code subOneHot(x, indices).scale(s)} (cross-entropy's (softmax - onehot) / n) without the
     * intermediate copy. x: (k, m).
     */
    public static Matrix subOneHotScaled(Matrix x, int[] indices, double s) {
        if (indices.length != x.rows()) {
            throw new IllegalArgumentException("subOneHotScaled: " + indices.length + " indices for " + x.shape());
        }
        return Matrix.wrap(x.rows(), x.cols(), RowIndexing.subOneHotScaled(x.storage(), indices, s));
    }

    // ------------------------------------------------------------------ the embedding's gather and scatter

    /**
     * The rows of a table picked by an index matrix, each index row's picks side by side:
     * {@code table[indices].view(n, -1)} in one pass, with the values of
     * {@code table.gatherRows(indices).reshape(n, b * d)} and without its (n*b, d) intermediate.
     * (v, d) by (n, b) -> (n, b*d).
     */
    public static Matrix gatherRowsSideBySide(Matrix table, IntMatrix indices) {
        return Matrix.wrap(indices.rows(), indices.cols() * table.cols(), RowIndexing.gatherSideBySide(
                "gatherRowsSideBySide", table.storage(), indices.toArray(), indices.rows(), indices.cols()));
    }

    /**
     * The backward of {@link #gatherRowsSideBySide}: block j of row i of x (its columns
     * [j*d, (j+1)*d)) is added into row {@code indices[i, j]} of a (targetRows, d) result, rows i in
     * order and blocks j in order within a row, so the sums and their order, and therefore the
     * bits, are those of {@code x.reshape(n*b, d).scatterAddRows(indices.toArray(), targetRows)}.
     * x: (n, b*d) with n the rows of indices and b its columns.
     */
    public static Matrix scatterAddRowBlocks(Matrix x, IntMatrix indices, int targetRows) {
        if (indices.rows() != x.rows() || x.cols() % indices.cols() != 0) {
            throw new IllegalArgumentException("scatterAddRowBlocks: " + x.shape() + " is not " + indices.rows()
                    + " rows of " + indices.cols() + " equal blocks, as indices " + indices.shape() + " need");
        }
        if (targetRows < 1) {
            throw new IllegalArgumentException("scatterAddRowBlocks: target rows must be positive, got "
                    + targetRows);
        }
        return Matrix.wrap(targetRows, x.cols() / indices.cols(), RowIndexing.scatterAddBlocks(
                "scatterAddRowBlocks", x.storage(), indices.toArray(), indices.cols(), targetRows));
    }
}
