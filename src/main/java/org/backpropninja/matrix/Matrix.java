package org.backpropninja.matrix;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable 2-D matrix of doubles.
 *
 * <p>No method mutates {@code this} or an argument, no backing array escapes, and every operation
 * returns a new matrix. Storage is one {@code double[]} per row (each starting at index 0), because
 * HotSpot's C2 vectorizes inner loops over such arrays far better than offset loops over one flat
 * array; that is a private detail.
 *
 * <p>Binary element-wise operations ({@link #add}, {@link #sub}, {@link #mul}, {@link #div})
 * broadcast NumPy-style in two dimensions: an operand of shape (r, c) combines with (r, c), (1, c),
 * (r, 1) or (1, 1), in either order. A broadcast's backward sums over the broadcast axis.
 *
 * <p>Shape errors throw {@link IllegalArgumentException} naming the operation and both shapes. The
 * training step's fused one-pass kernels, each the same arithmetic as a short composition of these
 * operations, are in {@link Fused}.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    /** rows arrays of length cols; never exposed, never written after construction. */
    private final double[][] data;

    private Matrix(int rows, int cols, double[][] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** For the kernels of this package: a matrix around rows they computed and will not touch again. */
    static Matrix wrap(int rows, int cols, double[][] data) {
        return new Matrix(rows, cols, data);
    }

    /** For the kernels of this package, which only read it. */
    double[][] storage() {
        return data;
    }

    // ------------------------------------------------------------------ construction

    /** A rows x cols matrix filled row by row from {@code values} (exactly rows*cols of them). */
    public static Matrix of(int rows, int cols, double... values) {
        Guards.dims(rows, cols);
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("of: shape (" + rows + ", " + cols + ") needs "
                    + (long) rows * cols + " values, got " + values.length);
        }
        return new Matrix(rows, cols, RowArrays.split(values, rows, cols));
    }

    /** A copy of a rectangular {@code double[][]}. */
    public static Matrix from(double[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("from: empty array");
        }
        return new Matrix(values.length, values[0].length, RowArrays.copyRectangular(values));
    }

    /** A 1 x n row vector. */
    public static Matrix row(double... values) {
        return of(1, values.length, values);
    }

    /** An n x 1 column vector. */
    public static Matrix column(double... values) {
        return of(values.length, 1, values);
    }

    public static Matrix full(int rows, int cols, double value) {
        Guards.dims(rows, cols);
        return new Matrix(rows, cols, RowArrays.filled(rows, cols, value));
    }

    public static Matrix zeros(int rows, int cols) {
        Guards.dims(rows, cols);
        return new Matrix(rows, cols, RowArrays.zeros(rows, cols));
    }

    public static Matrix ones(int rows, int cols) {
        return full(rows, cols, 1.0);
    }

    /** A matrix whose (i, j) element is {@code f(i, j)}. */
    public static Matrix generate(int rows, int cols, IndexFunction f) {
        Guards.dims(rows, cols);
        return new Matrix(rows, cols, RowArrays.generate(rows, cols, f));
    }

    /** Element generator for {@link #generate}. */
    @FunctionalInterface
    public interface IndexFunction {
        double at(int row, int col);
    }

    /** One-hot rows: (indices.length, numClasses), a 1 at (k, indices[k]). */
    public static Matrix oneHot(int[] indices, int numClasses) {
        if (indices.length == 0 || numClasses < 1) {
            throw new IllegalArgumentException("oneHot: need at least one index and one class, got "
                    + indices.length + " indices and " + numClasses + " classes");
        }
        return new Matrix(indices.length, numClasses, RowIndexing.oneHot(indices, numClasses));
    }

    // ------------------------------------------------------------------ accessors

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Shape shape() {
        return new Shape(rows, cols);
    }

    public int size() {
        return rows * cols;
    }

    public double get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("get: (" + r + ", " + c + ") outside " + shape());
        }
        return data[r][c];
    }

    /** A copy of row r. */
    public double[] rowArray(int r) {
        return data[r].clone();
    }

    /** A fresh row-major copy of all elements. */
    public double[] toArray() {
        return RowArrays.flatten(data, cols);
    }

    /** A fresh copy as {@code double[][]}. */
    public double[][] toArray2D() {
        return RowArrays.copyRectangular(data);
    }

    /** A new matrix equal to this one except at (r, c). Used by finite differences. */
    public Matrix with(int r, int c, double value) {
        get(r, c);
        return new Matrix(rows, cols, RowArrays.with(data, r, c, value));
    }

    // ------------------------------------------------------------------ shape changes

    /** Transpose: (r, c) -> (c, r). */
    public Matrix transpose() {
        return new Matrix(cols, rows, Products.transpose(data));
    }

    /** The same elements in row-major order viewed as (newRows, newCols). */
    public Matrix reshape(int newRows, int newCols) {
        if (newRows < 1 || newCols < 1 || (long) newRows * newCols != (long) rows * cols) {
            throw new IllegalArgumentException("reshape: cannot view " + shape() + " as " + new Shape(newRows, newCols));
        }
        return new Matrix(newRows, newCols, RowArrays.reshape(data, cols, newRows, newCols));
    }

    // ------------------------------------------------------------------ products

    /** Matrix product: (n, k) @ (k, m) -> (n, m). */
    public Matrix matmul(Matrix b) {
        if (cols != b.rows) {
            throw new IllegalArgumentException("matmul: " + shape() + " @ " + b.shape());
        }
        return new Matrix(rows, b.cols, Products.times(RowSplit.shared(), data, b.data, b.cols, null));
    }

    /**
     * {@code this^T @ b}: (k, n)^T @ (k, m) -> (n, m), without forming the transpose (row i of the
     * result combines the rows of b with column i of this as coefficients).
     */
    public Matrix transposeMatmul(Matrix b) {
        if (rows != b.rows) {
            throw new IllegalArgumentException("transposeMatmul: " + shape() + "^T @ " + b.shape());
        }
        return new Matrix(cols, b.cols, Products.transposeTimes(RowSplit.shared(), data, b.data));
    }

    /** {@code this @ b^T}: (n, k) @ (m, k)^T -> (n, m), through {@link #matmul}'s kernel on b transposed. */
    public Matrix matmulTranspose(Matrix b) {
        if (cols != b.cols) {
            throw new IllegalArgumentException("matmulTranspose: " + shape() + " @ " + b.shape() + "^T");
        }
        return new Matrix(rows, b.rows, Products.timesTransposed(RowSplit.shared(), data, b.data));
    }

    // ------------------------------------------------------------------ element-wise

    /** Element-wise sum with broadcasting. */
    public Matrix add(Matrix b) {
        return Broadcasting.combine("add", this, b, Broadcasting.Arithmetic.ADD);
    }

    /** Element-wise difference with broadcasting. */
    public Matrix sub(Matrix b) {
        return Broadcasting.combine("sub", this, b, Broadcasting.Arithmetic.SUB);
    }

    /** Element-wise (Hadamard) product with broadcasting; see {@link #matmul} for the matrix product. */
    public Matrix mul(Matrix b) {
        return Broadcasting.combine("mul", this, b, Broadcasting.Arithmetic.MUL);
    }

    /** Element-wise quotient with broadcasting. */
    public Matrix div(Matrix b) {
        return Broadcasting.combine("div", this, b, Broadcasting.Arithmetic.DIV);
    }

    /** Element-wise combination with broadcasting, for any binary function. */
    public Matrix zipWith(Matrix b, DoubleBinaryOperator f) {
        return Broadcasting.combine("zipWith", this, b, Broadcasting.of(f));
    }

    /** Applies f to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        return new Matrix(rows, cols, ElementWise.map(data, f));
    }

    /** Multiplies every element by s. */
    public Matrix scale(double s) {
        return new Matrix(rows, cols, ElementWise.scale(data, s));
    }

    /** Adds s to every element. */
    public Matrix plus(double s) {
        return new Matrix(rows, cols, ElementWise.plus(data, s));
    }

    public Matrix neg() {
        return scale(-1.0);
    }

    /**
     * Element-wise power {@code x^p}. The powers the notebook uses have exact, faster forms:
     * x^2 = x * x, x^-1 = 1 / x, x^-0.5 = 1 / sqrt(x) (each within an ulp or two of
     * {@link Math#pow}, which is a slow software routine on JDK 17); any other p goes to Math.pow.
     */
    public Matrix pow(double p) {
        return new Matrix(rows, cols, ElementWise.pow(data, p));
    }

    public Matrix exp() {
        return new Matrix(rows, cols, ElementWise.exp(data));
    }

    public Matrix log() {
        return map(Math::log);
    }

    /** Element-wise tanh by {@link FastTanh}: within 1e-14 relative of {@link Math#tanh}. */
    public Matrix tanh() {
        return new Matrix(rows, cols, ElementWise.tanh(RowSplit.shared(), data));
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements. */
    public double sum() {
        return Reductions.sum(data);
    }

    /** Sum along an axis with kept dimension: axis 0 gives (1, c), axis 1 gives (r, 1). */
    public Matrix sum(int axis) {
        if (axis == 0) {
            return new Matrix(1, cols, new double[][] {Reductions.columnSums(data)});
        }
        Guards.axis("sum", axis, this);
        return new Matrix(rows, 1, Reductions.rowSums(data));
    }

    /** Mean along an axis with kept dimension. */
    public Matrix mean(int axis) {
        Guards.axis("mean", axis, this);
        return sum(axis).scale(1.0 / (axis == 0 ? rows : cols));
    }

    /**
     * Unbiased variance (divides by count - 1, Bessel's correction) along an axis with kept
     * dimension. Needs at least two elements along that axis.
     */
    public Matrix var(int axis) {
        Guards.axis("var", axis, this);
        int count = axis == 0 ? rows : cols;
        if (count < 2) {
            throw new IllegalArgumentException("var: unbiased variance along axis " + axis
                    + " needs at least 2 elements, shape is " + shape());
        }
        if (axis == 1) {
            return transpose().var(0).transpose();
        }
        // Two passes over the rows, no temporaries: the column means, then the squared deviations.
        return new Matrix(1, cols, new double[][] {FusedPasses.varianceAbout(data, mean(0).data[0])});
    }

    /** Maximum along an axis with kept dimension, and its index (first one on ties). */
    public ArgMax max(int axis) {
        Guards.axis("max", axis, this);
        if (axis == 1) {
            double[][] out = RowArrays.zeros(rows, 1);
            int[] idx = Reductions.rowMax(data, out);
            return new ArgMax(new Matrix(rows, 1, out), idx);
        }
        double[] out = new double[cols];
        int[] idx = Reductions.columnMax(data, out);
        return new ArgMax(new Matrix(1, cols, new double[][] {out}), idx);
    }

    // ------------------------------------------------------------------ integer indexing

    /** Row gather {@code this[indices]}: (v, d) gathered by k indices -> (k, d). */
    public Matrix gatherRows(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("gatherRows: no indices for " + shape());
        }
        return new Matrix(indices.length, cols, RowIndexing.gather(data, indices));
    }

    /** Row gather by an index matrix, flattened row-major: (v, d) by (n, b) -> (n*b, d). */
    public Matrix gatherRows(IntMatrix indices) {
        return gatherRows(indices.toArray());
    }

    /** One element per row, {@code this[range(n), cols]}: (n, m) -> (n, 1). */
    public Matrix pick(int[] columns) {
        if (columns.length != rows) {
            throw new IllegalArgumentException("pick: " + columns.length + " column indices for " + shape());
        }
        return new Matrix(rows, 1, RowIndexing.pick(data, columns));
    }

    /**
     * Scatter-add of rows, the backward of {@link #gatherRows}: a (targetRows, d) matrix whose row
     * r is the sum of every {@code this} row k with {@code indices[k] == r}. Repeated indices
     * accumulate; rows never indexed stay exactly zero. this: (k, d).
     */
    public Matrix scatterAddRows(int[] indices, int targetRows) {
        if (indices.length != rows) {
            throw new IllegalArgumentException("scatterAddRows: " + indices.length + " indices for " + shape());
        }
        if (targetRows < 1) {
            throw new IllegalArgumentException("scatterAddRows: target rows must be positive, got " + targetRows);
        }
        return new Matrix(targetRows, cols, RowIndexing.scatterAdd(data, indices, targetRows));
    }

    // ------------------------------------------------------------------ comparison

    /** Largest |this - other| over all elements; shapes must match exactly. */
    public double maxAbsDiff(Matrix other) {
        requireSameShape("maxAbsDiff", other);
        return Reductions.maxAbsDiff(data, other.data);
    }

    /** Largest |element|. */
    public double maxAbs() {
        return Reductions.maxAbs(data);
    }

    /** True when every element is finite. */
    public boolean isFinite() {
        return Reductions.isFinite(data);
    }

    /** Throws unless {@code other} has exactly this shape. */
    public void requireSameShape(String op, Matrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException(op + ": shapes differ, " + shape() + " and " + other.shape());
        }
    }

    /** Exact element-wise equality (bit-for-bit on values, {@code -0.0 != 0.0}, NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && RowArrays.equal(data, m.data);
    }

    @Override
    public int hashCode() {
        return RowArrays.hash(rows, cols, data);
    }

    /** Shape and values, at most 8 rows and 8 columns shown. */
    @Override
    public String toString() {
        return "Matrix" + shape() + " " + RowArrays.format(data);
    }
}
