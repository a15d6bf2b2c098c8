package org.backpropninja.matrix;

import java.util.Arrays;
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
 * <p>Shape errors throw {@link IllegalArgumentException} naming the operation and both shapes.
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

    // ------------------------------------------------------------------ construction

    private static void checkDims(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(
                    "matrix shape must be positive, got (" + rows + ", " + cols + ")");
        }
    }

    /** A rows x cols matrix filled row by row from {@code values} (exactly rows*cols of them). */
    public static Matrix of(int rows, int cols, double... values) {
        checkDims(rows, cols);
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("of: shape (" + rows + ", " + cols + ") needs "
                    + (long) rows * cols + " values, got " + values.length);
        }
        double[][] d = new double[rows][];
        for (int i = 0; i < rows; i++) {
            d[i] = Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
        }
        return new Matrix(rows, cols, d);
    }

    /** A copy of a rectangular {@code double[][]}. */
    public static Matrix from(double[][] values) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("from: empty array");
        }
        int c = values[0].length;
        double[][] d = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("from: ragged array, row 0 has " + c
                        + " columns but row " + i + " has " + values[i].length);
            }
            d[i] = values[i].clone();
        }
        return new Matrix(values.length, c, d);
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
        checkDims(rows, cols);
        double[][] d = new double[rows][cols];
        for (double[] r : d) {
            Arrays.fill(r, value);
        }
        return new Matrix(rows, cols, d);
    }

    public static Matrix zeros(int rows, int cols) {
        checkDims(rows, cols);
        return new Matrix(rows, cols, new double[rows][cols]);
    }

    public static Matrix ones(int rows, int cols) {
        return full(rows, cols, 1.0);
    }

    /** A matrix whose (i, j) element is {@code f(i, j)}. */
    public static Matrix generate(int rows, int cols, IndexFunction f) {
        checkDims(rows, cols);
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i][j] = f.at(i, j);
            }
        }
        return new Matrix(rows, cols, d);
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
        double[][] d = new double[indices.length][numClasses];
        for (int k = 0; k < indices.length; k++) {
            checkIndex("oneHot", indices[k], numClasses);
            d[k][indices[k]] = 1.0;
        }
        return new Matrix(indices.length, numClasses, d);
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
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data[i], 0, out, i * cols, cols);
        }
        return out;
    }

    /** A fresh copy as {@code double[][]}. */
    public double[][] toArray2D() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i].clone();
        }
        return out;
    }

    /** A new matrix equal to this one except at (r, c). Used by finite differences. */
    public Matrix with(int r, int c, double value) {
        get(r, c);
        double[][] d = new double[rows][];
        for (int i = 0; i < rows; i++) {
            d[i] = i == r ? data[i].clone() : data[i];
        }
        d[r][c] = value;
        // Rows other than r are shared: safe, because no Matrix ever writes its rows.
        return new Matrix(rows, cols, d);
    }

    // ------------------------------------------------------------------ shape changes

    /**
     * Transpose: (r, c) -> (c, r). Four source rows per pass, so each output row is fetched once
     * per four elements written to it.
     */
    public Matrix transpose() {
        double[][] d = new double[cols][rows];
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            double[] s0 = data[i];
            double[] s1 = data[i + 1];
            double[] s2 = data[i + 2];
            double[] s3 = data[i + 3];
            for (int j = 0; j < cols; j++) {
                double[] dj = d[j];
                dj[i] = s0[j];
                dj[i + 1] = s1[j];
                dj[i + 2] = s2[j];
                dj[i + 3] = s3[j];
            }
        }
        for (; i < rows; i++) {
            double[] src = data[i];
            for (int j = 0; j < cols; j++) {
                d[j][i] = src[j];
            }
        }
        return new Matrix(cols, rows, d);
    }

    /** The same elements in row-major order viewed as (newRows, newCols). */
    public Matrix reshape(int newRows, int newCols) {
        if (newRows < 1 || newCols < 1 || (long) newRows * newCols != (long) rows * cols) {
            throw new IllegalArgumentException("reshape: cannot view " + shape() + " as ("
                    + newRows + ", " + newCols + ")");
        }
        return of(newRows, newCols, toArray());
    }

    // ------------------------------------------------------------------ products

    /** Matrix product: (n, k) @ (k, m) -> (n, m). */
    public Matrix matmul(Matrix b) {
        if (cols != b.rows) {
            throw new IllegalArgumentException("matmul: " + shape() + " @ " + b.shape());
        }
        return new Matrix(rows, b.cols, product(new Coefficients(data, false), b.data, b.cols, null));
    }

    /**
     * The affine map {@code this @ w + bias}: (n, k) @ (k, m) + (1, m) -> (n, m), the bias row
     * broadcast over the rows. One kernel: each output row starts from the bias instead of zeros,
     * so the sum is the same as {@code matmul(w).add(bias)} up to the order of additions.
     */
    public Matrix affine(Matrix w, Matrix bias) {
        if (cols != w.rows || bias.rows != 1 || bias.cols != w.cols) {
            throw new IllegalArgumentException("affine: " + shape() + " @ " + w.shape() + " + " + bias.shape());
        }
        return new Matrix(rows, w.cols, product(new Coefficients(data, false), w.data, w.cols, bias.data[0]));
    }

    /**
     * {@code this^T @ b}: (k, n)^T @ (k, m) -> (n, m), without forming the transpose: row i of the
     * result combines the rows of b with column i of this as coefficients, through the same kernel
     * as {@link #matmul}.
     */
    public Matrix transposeMatmul(Matrix b) {
        if (rows != b.rows) {
            throw new IllegalArgumentException("transposeMatmul: " + shape() + "^T @ " + b.shape());
        }
        if (b.cols < SHORT_ROW && b.cols < cols) {
            // A short output row (dW2 is (200, 27)) leaves the vector loop little to do: compute the
            // transpose (b^T @ this), whose rows are long, and transpose the result back.
            return b.transposeMatmul(this).transpose();
        }
        return new Matrix(cols, b.cols, product(new Coefficients(data, true), b.data, b.cols, null));
    }

    /**
     * The coefficients of a product: a(i, p) is {@code data[i][p]}, or {@code data[p][i]} when
     * transposed. Read a few scalars at a time outside the kernel's inner loop, so the indirection
     * costs nothing there.
     */
    private record Coefficients(double[][] data, boolean transposed) {
        int rows() {
            return transposed ? data[0].length : data.length;
        }

        double at(int i, int p) {
            return transposed ? data[p][i] : data[i][p];
        }
    }

    /**
     * The product kernel: output row i is {@code start + sum_p coef[i][p] * b[p]} (start = zeros
     * when null). Four output rows and two rows of b are combined per pass over the output, so each
     * loaded element of b serves four fused multiply-adds and the loop overhead is paid once per
     * eight; the inner loop runs over m contiguous elements from index 0, which C2 vectorizes
     * (Math.fma compiles to vector FMA instructions). Measured here against simpler blockings:
     * 2x2 and 1x4 were 10-40% slower on the training step's shapes.
     */
    private static double[][] product(Coefficients coef, double[][] b, int m, double[] start) {
        int n = coef.rows();
        double[][] out = new double[n][];
        RowSplit.run(n, (long) n * b.length * m, (from, to) -> productRows(coef, b, m, start, out, from, to));
        return out;
    }

    /**
     * Rows [from, to) of the product. A row's arithmetic is the same whether it is computed in a
     * block of four or alone (fused multiply-adds in order of p), so any split gives the same bits.
     */
    private static void productRows(Coefficients coef, double[][] b, int m, double[] start, double[][] out,
                                    int from, int to) {
        int k = b.length;
        for (int i = from; i < to; i++) {
            out[i] = start == null ? new double[m] : start.clone();
        }
        int i = from;
        for (; i + 3 < to; i += 4) {
            double[] o0 = out[i];
            double[] o1 = out[i + 1];
            double[] o2 = out[i + 2];
            double[] o3 = out[i + 3];
            int p = 0;
            for (; p + 1 < k; p += 2) {
                double[] b0 = b[p];
                double[] b1 = b[p + 1];
                double x0 = coef.at(i, p);
                double x1 = coef.at(i, p + 1);
                double y0 = coef.at(i + 1, p);
                double y1 = coef.at(i + 1, p + 1);
                double z0 = coef.at(i + 2, p);
                double z1 = coef.at(i + 2, p + 1);
                double w0 = coef.at(i + 3, p);
                double w1 = coef.at(i + 3, p + 1);
                for (int j = 0; j < m; j++) {
                    double v0 = b0[j];
                    double v1 = b1[j];
                    o0[j] = Math.fma(x1, v1, Math.fma(x0, v0, o0[j]));
                    o1[j] = Math.fma(y1, v1, Math.fma(y0, v0, o1[j]));
                    o2[j] = Math.fma(z1, v1, Math.fma(z0, v0, o2[j]));
                    o3[j] = Math.fma(w1, v1, Math.fma(w0, v0, o3[j]));
                }
            }
            if (p < k) {
                double[] bp = b[p];
                double x = coef.at(i, p);
                double y = coef.at(i + 1, p);
                double z = coef.at(i + 2, p);
                double w = coef.at(i + 3, p);
                for (int j = 0; j < m; j++) {
                    double v = bp[j];
                    o0[j] = Math.fma(x, v, o0[j]);
                    o1[j] = Math.fma(y, v, o1[j]);
                    o2[j] = Math.fma(z, v, o2[j]);
                    o3[j] = Math.fma(w, v, o3[j]);
                }
            }
        }
        for (; i < to; i++) {
            double[] o = out[i];
            for (int p = 0; p < k; p++) {
                double s = coef.at(i, p);
                double[] bp = b[p];
                for (int j = 0; j < m; j++) {
                    o[j] = Math.fma(s, bp[j], o[j]);
                }
            }
        }
    }

    /**
     * {@code this @ b^T}: (n, k) @ (m, k)^T -> (n, m). Computed as {@code this @ t} with t the
     * transposed copy of b, because dot products over k (a serial reduction C2 will not reorder)
     * run several times slower than the row-broadcast loop of {@link #matmul}, which vectorizes.
     */
    public Matrix matmulTranspose(Matrix b) {
        if (cols != b.cols) {
            throw new IllegalArgumentException("matmulTranspose: " + shape() + " @ " + b.shape() + "^T");
        }
        return matmul(b.transpose());
    }

    // ------------------------------------------------------------------ element-wise

    /** Element-wise sum with broadcasting. */
    public Matrix add(Matrix b) {
        return broadcast("add", ADD, b);
    }

    /** Element-wise difference with broadcasting. */
    public Matrix sub(Matrix b) {
        return broadcast("sub", SUB, b);
    }

    /** Element-wise (Hadamard) product with broadcasting; see {@link #matmul} for the matrix product. */
    public Matrix mul(Matrix b) {
        return broadcast("mul", MUL, b);
    }

    /** Element-wise quotient with broadcasting. */
    public Matrix div(Matrix b) {
        return broadcast("div", DIV, b);
    }

    /** Element-wise combination with broadcasting, for any binary function. */
    public Matrix zipWith(Matrix b, DoubleBinaryOperator f) {
        int r = broadcastExtent("zipWith", rows, b.rows, b);
        int c = broadcastExtent("zipWith", cols, b.cols, b);
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            double[] x = data[rows == 1 ? 0 : i];
            double[] y = b.data[b.rows == 1 ? 0 : i];
            for (int j = 0; j < c; j++) {
                out[i][j] = f.applyAsDouble(x[cols == 1 ? 0 : j], y[b.cols == 1 ? 0 : j]);
            }
        }
        return new Matrix(r, c, out);
    }

    /** Below this many columns an output row is short for the product kernel's vector loop. */
    private static final int SHORT_ROW = 64;

    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int MUL = 2;
    private static final int DIV = 3;

    /**
     * Broadcasting core for the four arithmetic operations. Each axis must either match or be 1 on
     * one side; the result has the larger extent on each axis. The loops are written out per
     * operation (no lambda call per element) so that C2 vectorizes them.
     */
    private Matrix broadcast(String name, int op, Matrix b) {
        int r = broadcastExtent(name, rows, b.rows, b);
        int c = broadcastExtent(name, cols, b.cols, b);
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            double[] x = data[rows == 1 ? 0 : i];
            double[] y = b.data[b.rows == 1 ? 0 : i];
            double[] o = out[i];
            if (cols == c && b.cols == c) {
                rowOp(op, x, y, o);
            } else if (cols == c) {
                rowScalarOp(op, x, y[0], o);
            } else {
                scalarRowOp(op, x[0], y, o);
            }
        }
        return new Matrix(r, c, out);
    }

    private static void rowOp(int op, double[] x, double[] y, double[] o) {
        switch (op) {
            case ADD -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] + y[j];
                }
            }
            case SUB -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] - y[j];
                }
            }
            case MUL -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] * y[j];
                }
            }
            default -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] / y[j];
                }
            }
        }
    }

    private static void rowScalarOp(int op, double[] x, double y, double[] o) {
        switch (op) {
            case ADD -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] + y;
                }
            }
            case SUB -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] - y;
                }
            }
            case MUL -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] * y;
                }
            }
            default -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x[j] / y;
                }
            }
        }
    }

    private static void scalarRowOp(int op, double x, double[] y, double[] o) {
        switch (op) {
            case ADD -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x + y[j];
                }
            }
            case SUB -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x - y[j];
                }
            }
            case MUL -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x * y[j];
                }
            }
            default -> {
                for (int j = 0; j < o.length; j++) {
                    o[j] = x / y[j];
                }
            }
        }
    }

    private int broadcastExtent(String op, int mine, int theirs, Matrix b) {
        if (mine == theirs || theirs == 1) {
            return mine;
        }
        if (mine == 1) {
            return theirs;
        }
        throw new IllegalArgumentException(op + ": cannot broadcast " + shape() + " with " + b.shape());
    }

    /**
     * {@code this + alpha * b} in one pass, shapes equal (no broadcasting): the SGD update
     * {@code p - lr * dp} is {@code p.addScaled(dp, -lr)}.
     */
    public Matrix addScaled(Matrix b, double alpha) {
        requireSameShape("addScaled", b);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] y = b.data[i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = x[j] + alpha * y[j];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * {@code (this - a) * b} in one pass, a and b broadcast like {@link #sub} and {@link #mul}
     * (typically two (1, c) rows: subtract a mean, multiply by an inverse deviation). The result has
     * this matrix's shape; the same bits as {@code sub(a).mul(b)}.
     */
    public Matrix subMul(Matrix a, Matrix b) {
        requireRowOperand("subMul", a);
        requireRowOperand("subMul", b);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] y = a.data[a.rows == 1 ? 0 : i];
            double[] z = b.data[b.rows == 1 ? 0 : i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = (x[j] - y[j]) * z[j];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * {@code this * a + b} in one pass, a and b broadcast like {@link #mul} and {@link #add}
     * (typically two (1, c) rows: a scale and a shift per column). The result has this matrix's
     * shape; the same bits as {@code mul(a).add(b)} (no fused multiply-add).
     */
    public Matrix mulAdd(Matrix a, Matrix b) {
        requireRowOperand("mulAdd", a);
        requireRowOperand("mulAdd", b);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] y = a.data[a.rows == 1 ? 0 : i];
            double[] z = b.data[b.rows == 1 ? 0 : i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = x[j] * y[j] + z[j];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** An operand of subMul/mulAdd: this shape, or one row of this width. */
    private void requireRowOperand(String op, Matrix a) {
        if (a.cols != cols || (a.rows != rows && a.rows != 1)) {
            throw new IllegalArgumentException(op + ": operand " + a.shape() + " does not broadcast over "
                    + shape() + " (need (" + rows + ", " + cols + ") or (1, " + cols + "))");
        }
    }

    /**
     * The backward of tanh in one pass: with this = h = tanh(x), returns {@code (1 - h^2) * dh}.
     * Shapes equal.
     */
    public Matrix tanhBackward(Matrix dh) {
        requireSameShape("tanhBackward", dh);
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] h = data[i];
            double[] g = dh.data[i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = (1.0 - h[j] * h[j]) * g[j];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** Applies f to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = f.applyAsDouble(x[j]);
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** Multiplies every element by s. */
    public Matrix scale(double s) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = x[j] * s;
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** Adds s to every element. */
    public Matrix plus(double s) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = x[j] + s;
            }
        }
        return new Matrix(rows, cols, out);
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
        if (p == 2.0) {
            return mul(this);
        }
        if (p == -1.0) {
            return map(x -> 1.0 / x);
        }
        if (p == -0.5) {
            return map(x -> 1.0 / Math.sqrt(x));
        }
        return map(x -> Math.pow(x, p));
    }

    public Matrix exp() {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] o = out[i];
            for (int j = 0; j < cols; j++) {
                o[j] = Math.exp(x[j]);
            }
        }
        return new Matrix(rows, cols, out);
    }

    public Matrix log() {
        return map(Math::log);
    }

    /** Element-wise tanh by {@link FastTanh}: within 1e-14 relative of {@link Math#tanh}. */
    public Matrix tanh() {
        double[][] out = new double[rows][cols];
        RowSplit.run(rows, 8L * rows * cols, (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] x = data[i];
                double[] o = out[i];
                for (int j = 0; j < cols; j++) {
                    o[j] = FastTanh.tanh(x[j]);
                }
            }
        });
        return new Matrix(rows, cols, out);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements. */
    public double sum() {
        double s = 0.0;
        for (double[] r : data) {
            for (double v : r) {
                s += v;
            }
        }
        return s;
    }

    /** Sum along an axis with kept dimension: axis 0 gives (1, c), axis 1 gives (r, 1). */
    public Matrix sum(int axis) {
        if (axis == 0) {
            double[] out = new double[cols];
            for (double[] r : data) {
                for (int j = 0; j < cols; j++) {
                    out[j] += r[j];
                }
            }
            return new Matrix(1, cols, new double[][] {out});
        }
        checkAxis("sum", axis);
        double[][] out = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            for (double v : data[i]) {
                s += v;
            }
            out[i][0] = s;
        }
        return new Matrix(rows, 1, out);
    }

    /** Mean along an axis with kept dimension. */
    public Matrix mean(int axis) {
        checkAxis("mean", axis);
        return sum(axis).scale(1.0 / (axis == 0 ? rows : cols));
    }

    /**
     * Unbiased variance (divides by count - 1, Bessel's correction) along an axis with kept
     * dimension. Needs at least two elements along that axis.
     */
    public Matrix var(int axis) {
        checkAxis("var", axis);
        int count = axis == 0 ? rows : cols;
        if (count < 2) {
            throw new IllegalArgumentException("var: unbiased variance along axis " + axis
                    + " needs at least 2 elements, shape is " + shape());
        }
        if (axis == 1) {
            return transpose().var(0).transpose();
        }
        // Two passes over the rows, no temporaries: the column means, then the squared deviations.
        return varianceAbout(mean(0));
    }

    /**
     * The unbiased column variance about given column means: {@code sum((this - mean)^2, 0) / (n - 1)},
     * (n, c) with mean (1, c) -> (1, c), n >= 2. With {@code mean = mean(0)} this is {@code var(0)}
     * without computing the mean a second time.
     */
    public Matrix varianceAbout(Matrix mean) {
        if (mean.rows != 1 || mean.cols != cols || rows < 2) {
            throw new IllegalArgumentException("varianceAbout: " + shape() + " about mean " + mean.shape()
                    + " (need at least 2 rows and a (1, " + cols + ") mean)");
        }
        double[] m = mean.data[0];
        double[] ss = new double[cols];
        for (double[] r : data) {
            for (int j = 0; j < cols; j++) {
                double d = r[j] - m[j];
                ss[j] += d * d;
            }
        }
        double inv = 1.0 / (rows - 1);
        for (int j = 0; j < cols; j++) {
            ss[j] *= inv;
        }
        return new Matrix(1, cols, new double[][] {ss});
    }

    /**
     * Column-wise dot products {@code (this * b).sum(0)} without the element-wise temporary:
     * (n, c) and (n, c) -> (1, c).
     */
    public Matrix columnDot(Matrix b) {
        requireSameShape("columnDot", b);
        double[] out = new double[cols];
        for (int i = 0; i < rows; i++) {
            double[] x = data[i];
            double[] y = b.data[i];
            for (int j = 0; j < cols; j++) {
                out[j] += x[j] * y[j];
            }
        }
        return new Matrix(1, cols, new double[][] {out});
    }

    /** Maximum along an axis with kept dimension, and its index (first one on ties). */
    public ArgMax max(int axis) {
        checkAxis("max", axis);
        if (axis == 1) {
            double[][] out = new double[rows][1];
            int[] idx = new int[rows];
            for (int i = 0; i < rows; i++) {
                double[] r = data[i];
                int best = 0;
                for (int j = 1; j < cols; j++) {
                    if (r[j] > r[best]) {
                        best = j;
                    }
                }
                idx[i] = best;
                out[i][0] = r[best];
            }
            return new ArgMax(new Matrix(rows, 1, out), idx);
        }
        double[] out = data[0].clone();
        int[] idx = new int[cols];
        for (int i = 1; i < rows; i++) {
            double[] r = data[i];
            for (int j = 0; j < cols; j++) {
                if (r[j] > out[j]) {
                    out[j] = r[j];
                    idx[j] = i;
                }
            }
        }
        return new ArgMax(new Matrix(1, cols, new double[][] {out}), idx);
    }

    /** Result of {@link #max(int)}: the maxima (kept dimension) and their indices along the axis. */
    public record ArgMax(Matrix values, int[] indices) {
        public ArgMax {
            indices = indices.clone();
        }

        @Override
        public int[] indices() {
            return indices.clone();
        }
    }

    private void checkAxis(String op, int axis) {
        if (axis != 0 && axis != 1) {
            throw new IllegalArgumentException(op + ": axis must be 0 or 1, got " + axis
                    + " for shape " + shape());
        }
    }

    // ------------------------------------------------------------------ integer indexing

    /** Row gather {@code this[indices]}: (v, d) gathered by k indices -> (k, d). */
    public Matrix gatherRows(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("gatherRows: no indices for " + shape());
        }
        double[][] out = new double[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            checkIndex("gatherRows", indices[k], rows);
            out[k] = data[indices[k]].clone();
        }
        return new Matrix(indices.length, cols, out);
    }

    /** Row gather by an index matrix, flattened row-major: (v, d) by (n, b) -> (n*b, d). */
    public Matrix gatherRows(IntMatrix indices) {
        return gatherRows(indices.toArray());
    }

    /** One element per row, {@code this[range(n), cols]}: (n, m) -> (n, 1). */
    public Matrix pick(int[] columns) {
        if (columns.length != rows) {
            throw new IllegalArgumentException("pick: " + columns.length + " column indices for "
                    + shape());
        }
        double[][] out = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            checkIndex("pick", columns[i], cols);
            out[i][0] = data[i][columns[i]];
        }
        return new Matrix(rows, 1, out);
    }

    /**
     * Scatter-add of rows, the backward of {@link #gatherRows}: a (targetRows, d) matrix whose row
     * r is the sum of every {@code this} row k with {@code indices[k] == r}. Repeated indices
     * accumulate; rows never indexed stay exactly zero. this: (k, d).
     */
    public Matrix scatterAddRows(int[] indices, int targetRows) {
        if (indices.length != rows) {
            throw new IllegalArgumentException("scatterAddRows: " + indices.length
                    + " indices for " + shape());
        }
        if (targetRows < 1) {
            throw new IllegalArgumentException("scatterAddRows: target rows must be positive, got "
                    + targetRows);
        }
        double[][] out = new double[targetRows][cols];
        for (int k = 0; k < rows; k++) {
            checkIndex("scatterAddRows", indices[k], targetRows);
            double[] o = out[indices[k]];
            double[] src = data[k];
            for (int j = 0; j < cols; j++) {
                o[j] += src[j];
            }
        }
        return new Matrix(targetRows, cols, out);
    }

    private static void checkIndex(String op, int index, int bound) {
        if (index < 0 || index >= bound) {
            throw new IllegalArgumentException(op + ": index " + index + " outside [0, " + bound + ")");
        }
    }

    // ------------------------------------------------------------------ comparison

    /** Largest |this - other| over all elements; shapes must match exactly. */
    public double maxAbsDiff(Matrix other) {
        requireSameShape("maxAbsDiff", other);
        double m = 0.0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double d = Math.abs(data[i][j] - other.data[i][j]);
                if (d > m || Double.isNaN(d)) {
                    m = d;
                }
            }
        }
        return m;
    }

    /** Largest |element|. */
    public double maxAbs() {
        double m = 0.0;
        for (double[] r : data) {
            for (double v : r) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** True when every element is finite. */
    public boolean isFinite() {
        for (double[] r : data) {
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
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
        if (this == o) {
            return true;
        }
        if (!(o instanceof Matrix m) || m.rows != rows || m.cols != cols) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            if (!Arrays.equals(data[i], m.data[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * rows + cols;
        for (double[] r : data) {
            h = 31 * h + Arrays.hashCode(r);
        }
        return h;
    }

    /** Shape and values, at most 8 rows and 8 columns shown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix").append(shape()).append(" [");
        int showRows = Math.min(rows, 8);
        for (int i = 0; i < showRows; i++) {
            sb.append(i == 0 ? "[" : ", [");
            int showCols = Math.min(cols, 8);
            for (int j = 0; j < showCols; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(String.format(java.util.Locale.ROOT, "%.6g", data[i][j]));
            }
            sb.append(cols > showCols ? ", ...]" : "]");
        }
        return sb.append(rows > showRows ? ", ...]" : "]").toString();
    }
}
