package org.backpropninja.matrix;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loop of steps whose results' rows are reused two steps later: while a scope is open on a thread,
 * the rows of the matrices that thread computes -- and that the {@link RowSplit}'s helper computes
 * for it -- come from pools kept per thread, and the rows handed out in step t are handed out again
 * in step t + 2, where fresh rows would have been allocated, zeroed and written into memory no cache
 * holds (docs/speed.md, section "Round 3"). Results have the same bits either way.
 *
 * <p>What its user promises: nothing computed in a step is read once the step after it has ended,
 * except what the last two steps computed. {@code train.Trainer}'s loop keeps it: a step reads the
 * parameters the step before it made, and the last parameters outlive the scope (its rows are never
 * handed out again once it is closed). Rows a kernel keeps for itself ({@link Scratch}) never come
 * from a pool. {@link Matrix} stays immutable to everyone who keeps that promise; so this class is
 * for a training loop that owns everything its steps compute, not for code that hands results out.
 */
public final class RowReuse implements AutoCloseable {

    /** The pool the current thread draws its result rows from, or null: fresh rows. */
    private static final ThreadLocal<Pool> CURRENT = new ThreadLocal<>();

    /** Rows longer than this are always fresh: the training step's rows are at most hidden wide. */
    static final int MAX_LENGTH = 1024;

    private final Thread owner = Thread.currentThread();
    private final Pool mine = new Pool(this);
    private final Map<Thread, Pool> helpers = new ConcurrentHashMap<>();
    /** The step, written by the owner only; a helper reads it when it starts a block of rows. */
    private volatile long step;
    private boolean closed;

    private RowReuse() {
    }

    /** Opens a scope on this thread, at step 0. Throws when one is already open here. */
    public static RowReuse open() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("RowReuse: a scope is already open on " + Thread.currentThread().getName());
        }
        RowReuse r = new RowReuse();
        CURRENT.set(r.mine);
        return r;
    }

    /** Starts the next step: from now on, the rows handed out two steps ago are handed out again. */
    public void nextStep() {
        requireOwner("nextStep");
        step++;
    }

    /** Ends the scope: this thread draws fresh rows again, and no row of the scope is handed out again. */
    @Override
    public void close() {
        requireOwner("close");
        if (!closed) {
            closed = true;
            CURRENT.remove();
        }
    }

    private void requireOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("RowReuse." + what + ": called on " + Thread.currentThread().getName()
                    + ", the scope belongs to " + owner.getName());
        }
    }

    /** The pool of the current thread, brought up to its scope's step, or null outside a scope. */
    static Pool current() {
        Pool p = CURRENT.get();
        return p == null ? null : p.sync();
    }

    /**
     * The scope the current thread draws from, for {@link RowSplit} to hand to its helper with a
     * split's rows; null outside a scope.
     */
    static RowReuse scope() {
        Pool p = CURRENT.get();
        return p == null ? null : p.scope;
    }

    /** Runs {@code body} on the current thread (a helper) drawing from {@code scope}'s pool for it. */
    static void runIn(RowReuse scope, Runnable body) {
        if (scope == null) {
            body.run();
            return;
        }
        Pool p = scope.helpers.computeIfAbsent(Thread.currentThread(), t -> new Pool(scope));
        CURRENT.set(p);
        try {
            body.run();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * One thread's rows, by length, in two generations (even and odd steps); within a step they are
     * handed out in order and the list grows when a step needs more than any step before it.
     */
    static final class Pool {
        private final RowReuse scope;
        private final double[][][][] rows = new double[2][MAX_LENGTH + 1][][];
        private final int[][] kept = new int[2][MAX_LENGTH + 1];
        private final int[][] handedOut = new int[2][MAX_LENGTH + 1];
        private long at = -1;
        private int generation;

        Pool(RowReuse scope) {
            this.scope = scope;
        }

        Pool sync() {
            long s = scope.step;
            if (s != at) {
                at = s;
                generation = (int) (s & 1);
                Arrays.fill(handedOut[generation], 0);
            }
            return this;
        }

        /** A row of {@code length} elements; its contents are zeros when {@code zeroed}, else unspecified. */
        double[] take(int length, boolean zeroed) {
            if (length > MAX_LENGTH) {
                return new double[length];
            }
            int g = generation;
            int n = handedOut[g][length];
            double[][] list = rows[g][length];
            if (n < kept[g][length]) {
                handedOut[g][length] = n + 1;
                double[] r = list[n];
                if (zeroed) {
                    Arrays.fill(r, 0.0);
                }
                return r;
            }
            double[] r = new double[length];
            if (list == null) {
                list = rows[g][length] = new double[8][];
            } else if (n == list.length) {
                list = rows[g][length] = Arrays.copyOf(list, 2 * n);
            }
            list[n] = r;
            kept[g][length] = n + 1;
            handedOut[g][length] = n + 1;
            return r;
        }
    }
}
