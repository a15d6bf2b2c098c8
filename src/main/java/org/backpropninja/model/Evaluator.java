package org.backpropninja.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.backpropninja.data.Dataset;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;

/**
 * Whole-split passes after training: the batchnorm calibration over the training set and the split
 * losses, the notebook's cells after Exercise 4.
 *
 * <p>The rows are cut into fixed chunks of {@link #CHUNK} rows, whatever the thread count; each chunk
 * yields a partial sum, and the partial sums are added in chunk order. So the result has the same
 * bits with 1 thread or 16: threads change only who computes a chunk, never the order of additions.
 */
public final class Evaluator implements AutoCloseable {

    /** Rows per chunk: large enough for fast matrix products, small enough to keep memory flat. */
    public static final int CHUNK = 4096;

    private final Mlp mlp;
    private final ExecutorService pool;
    private final Runnable chunkDone;

    /** An evaluator for the network with the given sizes, using {@code threads} worker threads. */
    public Evaluator(Mlp mlp, int threads) {
        this(mlp, threads, () -> { });
    }

    /**
     * As {@link #Evaluator(Mlp, int)}, calling {@code chunkDone} on the calling thread after each chunk
     * is added (for a progress line: {@link #chunks} of them per pass; the calibration makes two passes).
     */
    public Evaluator(Mlp mlp, int threads, Runnable chunkDone) {
        if (threads < 1) {
            throw new IllegalArgumentException("Evaluator: threads must be positive, got " + threads);
        }
        this.mlp = mlp;
        this.chunkDone = chunkDone;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "evaluator");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The notebook's calibration: mean and unbiased variance over all of X of the pre-batchnorm
     * activations {@code hprebn = embcat @ W1 + b1}, by two passes (mean first, then squared
     * deviations from it) for accuracy. X: (N, block), N >= 2.
     */
    public BatchNorm.Stats calibrate(Params p, IntMatrix X) {
        mlp.requireShapes(p);
        int n = X.rows();
        if (n < 2) {
            throw new IllegalArgumentException("Evaluator.calibrate: the unbiased variance needs at least 2 rows,"
                    + " X is " + X.shape());
        }
        Matrix sum = sumOverChunks(n, c -> mlp.hprebn(p, chunk(X, c, n)).sum(0));
        Matrix mean = sum.scale(1.0 / n);                                          // (1, hidden)
        Matrix sq = sumOverChunks(n, c -> {
            Matrix diff = mlp.hprebn(p, chunk(X, c, n)).sub(mean);
            return diff.mul(diff).sum(0);
        });
        return new BatchNorm.Stats(mean, sq.scale(1.0 / (n - 1)));
    }

    /** The mean cross-entropy over a whole split with evaluation-mode batchnorm. */
    public double loss(Params p, BatchNorm.Stats stats, Dataset d) {
        int n = d.size();
        IntMatrix X = d.x();
        int[] y = d.y();
        Matrix total = sumOverChunks(n, c -> {
            IntMatrix xc = chunk(X, c, n);
            int[] yc = java.util.Arrays.copyOfRange(y, c * CHUNK, c * CHUNK + xc.rows());
            double meanLoss = CrossEntropy.forward(mlp.logits(p, stats, xc), yc).loss();
            return Matrix.of(1, 1, meanLoss * xc.rows());
        });
        return total.get(0, 0) / n;
    }

    /** The chunks of one pass over {@code rows} rows. */
    public static long chunks(int rows) {
        return (rows + (long) CHUNK - 1) / CHUNK;
    }

    private static IntMatrix chunk(IntMatrix X, int c, int n) {
        int from = c * CHUNK;
        int to = Math.min(n, from + CHUNK);
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return X.selectRows(rows);
    }

    /** Sum of f(c) over the chunks 0..ceil(n/CHUNK)-1, computed in parallel, added in chunk order. */
    private Matrix sumOverChunks(int n, IntFunction<Matrix> f) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        List<Future<Matrix>> parts = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            parts.add(pool.submit(() -> f.apply(chunk)));
        }
        Matrix total = null;
        for (Future<Matrix> part : parts) {
            Matrix m = join(part);
            total = total == null ? m : total.add(m);
            chunkDone.run();
        }
        return total;
    }

    private static Matrix join(Future<Matrix> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
