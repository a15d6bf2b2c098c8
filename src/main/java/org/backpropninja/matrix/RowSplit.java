package org.backpropninja.matrix;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the rows of a large kernel (or of several in one split, {@link RowPlan#inOneSplit})
 * between the calling thread and one helper thread, so that the two cores of a small machine share a
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
     * with {@code -Dbackpropninja.split=false} (one thread never waits for a helper descheduled in
     * the middle of a block). Read once, when the class is loaded.
     */
    private static final RowSplit SHARED = new RowSplit(Runtime.getRuntime().availableProcessors() >= 2
            && !"false".equals(System.getProperty("backpropninja.split")), "row-split", null);
    /** Never splits: every kernel runs whole on the calling thread. */
    private static final RowSplit ALONE = new RowSplit(false, "row-split-unused", null);

    /** A task over rows [from, to). */
    @FunctionalInterface
    interface Rows {
        void run(int from, int to);
    }

    private final boolean splits;
    private final String helperName;
    /** A test's stall of the helper, or null (every instance but a test's). */
    private final Pause pause;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicReference<Half> offered = new AtomicReference<>();
    private volatile Thread helper;
    /** How many splits the helper has joined: lets a test see that splitting really happens. */
    private final AtomicLong helped = new AtomicLong();

    private RowSplit(boolean splits, String helperName, Pause pause) {
        this.splits = splits;
        this.helperName = helperName;
        this.pause = pause;
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
        return new RowSplit(true, "row-split-own", null);
    }

    /**
     * As {@link #withOwnHelper}, its helper calling {@code pause} where a busy host could take it off
     * its core: a test stalls it there to see that the caller never waits for it.
     */
    static RowSplit withPausingHelper(Pause pause) {
        return new RowSplit(true, "row-split-paused", pause);
    }

    /** How many splits the helper of this instance has joined so far. */
    long helped() {
        return helped.get();
    }

    /**
     * A test's hook into the helper: called by the helper at {@link Point#TAKEN} (it has taken a
     * split's offer and not yet started it) and at {@link Point#BLOCK} (it is about to take a block), so that
     * a test can stall it there the way a busy host deschedules it.
     */
    @FunctionalInterface
    interface Pause {
        void at(Point point);
    }

    /** Where the helper calls a {@link Pause}. */
    enum Point { TAKEN, BLOCK }

    /**
     * The helper's share of one split, its back blocks. It is started by the helper or claimed by the
     * caller, exactly once: a caller that claims it has taken every block itself and never waits for
     * the helper.
     */
    private static final class Half {
        private static final int OFFERED = 0;
        private static final int STARTED = 1;
        private static final int CLAIMED = 2;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Half.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Runnable body;
        private volatile int state;                    // through STATE

        Half(Runnable body) {
            this.body = body;
        }

        /** The helper's start: false when the caller has claimed it first. */
        boolean start() {
            return STATE.compareAndSet(this, OFFERED, STARTED);
        }

        /** The caller's claim: false when the helper has started it first. */
        boolean claim() {
            return STATE.compareAndSet(this, OFFERED, CLAIMED);
        }

        /** Never throws: a block's failure is kept by its {@link Blocks}. */
        void run() {
            body.run();
        }
    }

    /**
     * Runs {@code body} over rows [0, n) in blocks of {@link #BLOCK} rows, when {@code work} is large
     * enough and the helper is free; else all here. This thread takes blocks from the front, the
     * helper from the back, until they meet: when both run at the same speed each kernel's rows
     * [0, n/2) stay with this thread and [n/2, n) with the helper, so consecutive kernels over the
     * batch rows find their inputs in their own core's cache. When the helper is slow or not running
     * at all (a busy host has descheduled it), this thread goes on into the back half, and when no
     * block is left it waits only for the block the helper is in, if any: never for a helper that
     * has not started, or is between blocks. Returns when every row is done, and never before the
     * helper has finished the blocks it took, even when a block throws; an exception from either
     * thread is rethrown here.
     */
    void run(int n, long work, Rows body) {
        if (!splits || n < 2 * BLOCK || work < MIN_WORK || !busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            Blocks blocks = new Blocks((n + BLOCK - 1) / BLOCK);
            RowReuse scope = RowReuse.scope();     // the helper's rows come from this thread's scope, if any
            Half back = new Half(() -> RowReuse.runIn(scope, () -> blocks.runBack(body, n, pause)));
            offer(back);
            Throwable here = null;
            try {
                for (int b = blocks.takeFront(); b >= 0; b = blocks.takeFront()) {
                    body.run(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
                }
            } catch (RuntimeException | Error e) {
                here = e;
                blocks.close();                // no more blocks for the helper either
            }
            if (!withdraw(back)) {
                blocks.awaitIdle();            // the helper started: wait for its block in hand, if any
            }
            rethrow(here != null ? here : blocks.failure);
        } finally {
            busy.set(false);
        }
    }

    private void offer(Half theirs) {
        offered.set(theirs);
        LockSupport.unpark(helper());
    }

    /**
     * Takes back an offer the helper has not started: true when this thread now owns it (the helper
     * never saw it, or took it and has not started it), false when the helper is running it.
     */
    private boolean withdraw(Half theirs) {
        return offered.compareAndSet(theirs, null) || theirs.claim();
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /**
     * The blocks not yet taken, [front, back), and whether the helper holds one, in one atomic word
     * (front in the high half, the helper's flag in bit 31, back below it), so that a block is taken
     * from either end exactly once and the caller can tell, once no block is left, whether the
     * helper is still in one.
     */
    private static final class Blocks {
        private static final long HOLDING = 1L << 31;
        private static final long BACK = HOLDING - 1;
        private final AtomicLong range;
        /** The helper's failure, written before it lets go of its block. */
        private volatile Throwable failure;

        Blocks(int count) {
            range = new AtomicLong(count);
        }

        /** The first untaken block, or -1 when none is left. */
        int takeFront() {
            while (true) {
                long r = range.get();
                int front = (int) (r >>> 32);
                int back = (int) (r & BACK);
                if (front >= back) {
                    return -1;
                }
                if (range.compareAndSet(r, r + (1L << 32))) {
                    return front;
                }
            }
        }

        /** The helper's part: the last untaken block, held until it is done, one after another. */
        void runBack(Rows body, int n, Pause pause) {
            while (true) {
                if (pause != null) {
                    pause.at(Point.BLOCK);
                }
                int b = takeBack();
                if (b < 0) {
                    return;
                }
                try {
                    body.run(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
                } catch (Throwable t) {
                    failure = t;
                    close();
                } finally {
                    range.getAndAdd(-HOLDING);  // lets go: the rows it wrote happen before this
                }
                if (failure != null) {
                    return;
                }
            }
        }

        /** The last untaken block, now held by the helper, or -1 when none is left. */
        private int takeBack() {
            while (true) {
                long r = range.get();
                int front = (int) (r >>> 32);
                int back = (int) (r & BACK);
                if (front >= back) {
                    return -1;
                }
                if (range.compareAndSet(r, (r - 1) | HOLDING)) {
                    return back - 1;
                }
            }
        }

        /** Leaves no block for anyone (the helper's flag kept). */
        void close() {
            while (true) {
                long r = range.get();
                if (range.compareAndSet(r, r & HOLDING)) {
                    return;
                }
            }
        }

        /**
         * Waits until the helper holds no block: spinning at first (it is usually nearly done),
         * then yielding, so that on a machine whose cores are all busy the helper can be scheduled
         * on this thread's core instead of waiting for the end of a time slice.
         */
        void awaitIdle() {
            long since = System.nanoTime();
            while ((range.get() & HOLDING) != 0) {
                if (System.nanoTime() - since < YIELD_AFTER_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
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
                if (pause != null) {
                    pause.at(Point.TAKEN);
                }
                if (half.start()) {
                    half.run();
                    helped.incrementAndGet();
                }
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
