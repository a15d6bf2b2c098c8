package org.backpropninja.data;

import java.util.Arrays;
import java.util.List;
import org.backpropninja.matrix.IntMatrix;

/**
 * The notebook's {@code build_dataset}: for every name, one example per character plus one for the
 * terminating '.', each example the previous {@code block} indices (padded with 0 at the start)
 * and the index that follows them.
 *
 * <p>Memory: an example is {@code block + 1} ints, 4 (block + 1) bytes (16 at the notebook's
 * block 3; 220 MB for the 13.7 million examples of a 14 MB names file), held as one int array of
 * contexts and one of targets, never boxed or as doubles. Only a minibatch or an evaluation chunk
 * is ever turned into doubles.
 *
 * @param x contexts, {@code X: (n, block)}
 * @param y targets, {@code Y: (n,)}: the index following each context
 */
public record Dataset(IntMatrix x, int[] y) {

    public Dataset {
        if (x.rows() != y.length) {
            throw new IllegalArgumentException("Dataset: " + x.rows() + " contexts but " + y.length + " targets");
        }
        y = y.clone();
    }

    /** A copy of the targets. */
    @Override
    public int[] y() {
        return y.clone();
    }

    /** Builds the examples of {@code words} (at least one) with contexts of {@code block} indices. */
    public static Dataset build(List<String> words, Vocabulary vocab, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("Dataset.build: block size must be positive, got " + block);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("Dataset.build: no words");
        }
        int n = 0;
        for (String w : words) {
            n = Math.addExact(n, w.codePointCount(0, w.length()) + 1);
        }
        int[] xs = new int[Math.multiplyExact(n, block)];
        int[] ys = new int[n];
        int row = 0;
        int[] context = new int[block];
        for (String w : words) {
            Arrays.fill(context, 0);
            int[] ix = vocab.encode(w);
            for (int k = 0; k <= ix.length; k++) {
                int next = k < ix.length ? ix[k] : 0; // the terminating '.'
                System.arraycopy(context, 0, xs, row * block, block);
                ys[row] = next;
                row++;
                // context = context[1:] + [ix]
                System.arraycopy(context, 1, context, 0, block - 1);
                context[block - 1] = next;
            }
        }
        return new Dataset(IntMatrix.of(n, block, xs), ys);
    }

    /** The number of examples. */
    public int size() {
        return y.length;
    }

    /** The context width. */
    public int block() {
        return x.cols();
    }

    /** The examples at the given positions, {@code X[ix], Y[ix]}. */
    public Dataset select(int[] positions) {
        int[] ys = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            if (positions[k] < 0 || positions[k] >= y.length) {
                throw new IllegalArgumentException("Dataset.select: position " + positions[k]
                        + " outside [0, " + y.length + ")");
            }
            ys[k] = y[positions[k]];
        }
        return new Dataset(x.selectRows(positions), ys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && d.x.equals(x) && Arrays.equals(d.y, y);
    }

    @Override
    public int hashCode() {
        return 31 * x.hashCode() + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " examples, block " + block() + ")";
    }
}
