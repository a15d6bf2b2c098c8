package org.backpropninja.matrix;

/**
 * Working rows a kernel needs only while it runs (a transposed operand, tanh's intermediate
 * passes), kept per thread and reused from call to call so that they cost no allocation and stay
 * in the core's cache. They never leave a kernel, so {@link Matrix} stays immutable; a buffer holds
 * whatever the last kernel left in it, so every user writes the part it reads first, and each
 * thread reads and writes only its own. Buffers are kept by use as well as by shape, so that two
 * uses of one shape alive at once on one thread (layer 2's transposed weights and its dW2's
 * transpose in one split, both (27, 200)) never share rows.
 */
final class Scratch {

    /** Larger buffers are not kept: a one-off kernel on a large matrix allocates as usual. */
    static final int MAX_ELEMENTS = 1 << 16;
    /** Buffers kept per thread: the training step uses four uses and shapes. */
    private static final int KEPT = 6;
    private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

    /** What a buffer is for: a kernel may hold buffers of different uses, of one shape, at once. */
    enum Use {
        /** A transposed operand of a product. */
        OPERAND,
        /** The transpose of a product's result, before it is transposed back. */
        RESULT,
        /** The intermediate values of an element-wise pass. */
        PASS
    }

    private final Use[] uses = new Use[KEPT];
    private final int[] rowCounts = new int[KEPT];
    private final int[] colCounts = new int[KEPT];
    private final double[][][] buffers = new double[KEPT][][];
    private int next;

    private Scratch() {
    }

    /** rows x cols working rows of this thread for {@code use}, contents unspecified. */
    static double[][] rows(Use use, int rows, int cols) {
        if ((long) rows * cols > MAX_ELEMENTS) {
            return RowArrays.freshZeros(rows, cols);
        }
        return MINE.get().find(use, rows, cols);
    }

    private double[][] find(Use use, int rows, int cols) {
        for (int e = 0; e < KEPT; e++) {
            if (buffers[e] != null && uses[e] == use && rowCounts[e] == rows && colCounts[e] == cols) {
                return buffers[e];
            }
        }
        int e = next;
        next = (next + 1) % KEPT;
        uses[e] = use;
        rowCounts[e] = rows;
        colCounts[e] = cols;
        buffers[e] = RowArrays.freshZeros(rows, cols);
        return buffers[e];
    }
}
