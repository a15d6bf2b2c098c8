package org.backpropninja.matrix;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the rows of a large kernel between the calling thread and one helper thread, or runs two
 * independent tasks side by side ({@link #both}), so that the two cores of a small machine share a
 * training step. Every row is computed by the same code whichever thread runs it, so the results
 * have the same bits with or without the split (docs/speed.md, section "The row split").
 *
 * <p>An instance owns its helper, a daemon thread started on first use. The facades use
 * {@link #shared()}, switched once at start; a test makes its own instances.
 */
final class RowSplit {

    /** Work below this many multiply-adds (or element operations) a kernel runs alone. */
    static final long MIN_WORK = 40_000;
    /** Rows per block: the products compute four rows at a time. */
    static final int BLOCK = 4;
    /** How long the caller spins for the helper's share before it yields its core. */
    private static final long YIELD_AFTER_NANOS = 50_000;
    /**
     * How long the helper spins for the next task before it parks: waking a parked thread costs
     * about as much as a whole kernel (docs/speed.md, section "The row split").
     */
    private static final long SPIN_NANOS = 200_000;

    /**
     * The facades' instance: it splits on machines with two or more processors, unless the JVM runs
     * with {@code -Dbackpropninja.split=false} (worth it on a machine whose other core is busy: the
     * caller then waits whenever the helper is descheduled). Read once, when the class is loaded.
     */
    private static final RowSplit SHARED = new RowSplit(Runtime.getRuntime().availableProcessors() >= 2
            && !"false".equals(System.getProperty("backpropninja.split")), "row-split");
    /** Never splits: every kernel runs whole on the calling thread. */
    private static final RowSplit ALONE = new RowSplit(false, "row-split-unused");

    /** A task over rows [from, to). */
    @FunctionalInterface
    interface Rows {
        void run(int from, int to);
    }

    private final boolean splits;
    private final String helperName;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<Half> offered = new AtomicReference<>();
    private volatile Thread helper;
    /** How many tasks the helper has joined: lets a test see that splitting really happens. */
    private final AtomicLong helped = new AtomicLong();

    private RowSplit(boolean splits, String helperName) {
        this.splits = splits;
        this.helperName = helperName;
    }

    /** The instance the facades use, switched once at start by the system property {@code backpropninja.split}. */
    static RowSplit shared() {
        return SHARED;
    }

    /** An instance that never splits. */
    static RowSplit alone() {
        return ALONE;
    }

    /** A new instance that splits whenever a kernel is large enough, with a helper thread of its own. */
    static RowSplit withOwnHelper() {
        return new RowSplit(true, "row-split-own");
    }

    /** How many tasks or halves the helper of this instance has run so far. */
    long helped() {
        return helped.get();
    }

    /** The helper's share of one call, with its own completion flag and failure. */
    private static final class Half {
        private final Runnable body;
        private volatile boolean done;
        private volatile Throwable failure;

        Half(Runnable body) {
            this.body = body;
        }

        void run() {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                done = true;
            }
        }
    }

    /**
     * Runs {@code body} over rows [0, n) in blocks of {@link #BLOCK} rows, when {@code work} is large
     * enough and the helper is free; else all here. This thread takes blocks from the front, the
     * helper from the back, until they meet: when both run at the same speed each kernel's rows
     * [0, n/2) stay with this thread and [n/2, n) with the helper, so consecutive kernels over the
     * batch rows find their inputs in their own core's cache, and a helper descheduled by the
     * operating system holds up at most the block it is in (this thread goes on into the back half).
     * Returns when every row is done, and never before the helper has finished with this call, even
     * when a block throws; an exception from either thread is rethrown here.
     */
    void run(int n, long work, Rows body) {
        if (!splits || n < 2 * BLOCK || work < MIN_WORK || !busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Blocks blocks = new Blocks((n + BLOCK - 1) / BLOCK);
            Half back = new Half(() -> {
                for (int b = blocks.takeBack(); b >= 0; b = blocks.takeBack()) {
                    body.run(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
                }
            });
            offerAndRun(back, () -> {
                for (int b = blocks.takeFront(); b >= 0; b = blocks.takeFront()) {
                    body.run(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
                }
            }, blocks::close);                 // after a failure here, no more blocks for the helper either
        } finally {
            busy.set(false);
        }
    }

    /**
     * Runs two independent tasks, {@code second} on the helper when it is free (else, or when the
     * helper has not started it by the time {@code first} is done, here after {@code first}).
     * Kernels inside either task run unsplit: the helper is taken. Returns when both are done; an
     * exception from either is rethrown here, the first task's first.
     */
    void both(Runnable first, Runnable second) {
        if (!splits || !busy.compareAndSet(false, true)) {
            first.run();
            second.run();
            return;
        }
        try {
            offerAndRun(new Half(second), first, () -> { });
        } finally {
            busy.set(false);
        }
    }

    /**
     * Offers {@code theirs} to the helper, runs {@code mine} here, then settles the offer: if the
     * helper has not taken it, this thread runs it (unless {@code mine} failed); if it has, this
     * thread waits until it is done. The first failure, this thread's before the helper's, is
     * rethrown; {@code onFailure} runs when {@code mine} fails, before the offer is settled.
     */
    private void offerAndRun(Half theirs, Runnable mine, Runnable onFailure) {
        offered.set(theirs);
        LockSupport.unpark(helper());
        Throwable here = null;
        try {
            mine.run();
        } catch (RuntimeException | Error e) {
            here = e;
            onFailure.run();
        }
        if (offered.compareAndSet(theirs, null)) {
            if (here == null) {
                theirs.run();                  // not started: run it here (a split's blocks are all taken by now)
            }
        } else {
            awaitDone(theirs);                 // the helper is in its share
        }
        Throwable t = here != null ? here : theirs.failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /**
     * The blocks not yet taken, [front, back), in one atomic word (front in the high half, back in
     * the low), so that a block is taken from either end exactly once.
     */
    private static final class Blocks {
        private final AtomicLong range;

        Blocks(int count) {
            range = new AtomicLong(count);
        }

        /** The first untaken block, or -1 when none is left. */
        int takeFront() {
            return take(true);
        }

        /** The last untaken block, or -1 when none is left. */
        int takeBack() {
            return take(false);
        }

        private int take(boolean first) {
            while (true) {
                long r = range.get();
                int front = (int) (r >>> 32);
                int back = (int) r;
                if (front >= back) {
                    return -1;
                }
                int block = first ? front : back - 1;
                long rest = first ? ((long) (front + 1) << 32) | back : ((long) front << 32) | (back - 1);
                if (range.compareAndSet(r, rest)) {
                    return block;
                }
            }
        }

        /** Leaves no block for anyone. */
        void close() {
            range.set(0);
        }
    }

    /**
     * Waits for the helper's share: spinning at first (it is usually nearly done), then yielding,
     * so that on a machine whose cores are all busy the helper can be scheduled on this thread's
     * core instead of waiting for the end of a time slice.
     */
    private static void awaitDone(Half half) {
        long since = System.nanoTime();
        while (!half.done) {
            if (System.nanoTime() - since < YIELD_AFTER_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private Thread helper() {
        Thread h = helper;
        if (h == null) {
            synchronized (this) {
                h = helper;
                if (h == null) {
                    h = new Thread(this::loop, helperName);
                    h.setDaemon(true);
                    h.start();
                    helper = h;
                }
            }
        }
        return h;
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            // read before taking: a spinning read keeps the line shared, where an atomic exchange in
            // every turn of the loop would pull it away from the caller each time
            Half half = offered.get() == null ? null : offered.getAndSet(null);
            if (half != null) {
                half.run();
                helped.incrementAndGet();
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park();
                idleSince = System.nanoTime();
            }
        }
    }
}
