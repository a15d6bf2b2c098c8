package org.backpropninja.matrix;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits the rows of a large kernel (the matrix products and tanh) between the calling thread and
 * one helper thread, so that the two cores of a small machine share a training step.
 *
 * <p>Every output row is computed by the same code, in the same order of operations, whichever
 * thread runs it, so the results have the same bits with or without the split (a property in
 * {@code RowSplitProperties} checks this). A kernel is split only when it is large enough to pay
 * for the hand-off and only when the helper is free: a second caller, such as an evaluation thread,
 * runs its kernel alone instead of waiting. The caller offers the second half and, once done with
 * the first, takes the second back if the helper has not started it (on a loaded machine the helper
 * may not be scheduled), so a split never costs more than the kernel alone plus a hand-off.
 *
 * <p>The helper spins for a short while after each task, because a parked thread takes tens of
 * microseconds to wake, as long as a whole kernel; then it parks, so an idle program costs nothing.
 * It is a daemon thread and holds no data between tasks.
 */
final class RowSplit {

    /** Work below this many multiply-adds (or element operations) a kernel runs alone. */
    static final long MIN_WORK = 40_000;
    /** How long the helper spins for the next task before it parks. */
    private static final long SPIN_NANOS = 200_000;

    /** A task over rows [from, to). */
    @FunctionalInterface
    interface Rows {
        void run(int from, int to);
    }

    /**
     * Whether kernels split at all: on machines with two or more processors, unless the JVM runs with
     * {@code -Dbackpropninja.split=false} (worth it on a machine whose other core is busy: the caller
     * then waits whenever the helper is descheduled). Tests switch it.
     */
    static volatile boolean enabled = Runtime.getRuntime().availableProcessors() >= 2
            && !"false".equals(System.getProperty("backpropninja.split"));

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static final AtomicReference<Runnable> OFFERED = new AtomicReference<>();
    private static volatile boolean done;
    private static volatile Throwable failure;
    private static volatile Thread helper;
    /** How many halves the helper has run: lets a test see that splitting really happens. */
    static final java.util.concurrent.atomic.AtomicLong HELPED = new java.util.concurrent.atomic.AtomicLong();

    private RowSplit() {
    }

    /**
     * Runs {@code body} over rows [0, n): the first half here, the second half on the helper when
     * {@code work} is large enough and the helper is free, else all here. Returns when every row is
     * done; an exception from either half is rethrown here.
     */
    static void run(int n, long work, Rows body) {
        if (!enabled || n < 2 || work < MIN_WORK || !BUSY.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            int mid = n / 2;
            Runnable second = () -> body.run(mid, n);
            done = false;
            failure = null;
            OFFERED.set(second);
            LockSupport.unpark(helper());
            body.run(0, mid);
            if (OFFERED.compareAndSet(second, null)) {
                second.run();                  // the helper had not started: do it here
                return;
            }
            while (!done) {
                Thread.onSpinWait();
            }
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
        } finally {
            BUSY.set(false);
        }
    }

    private static Thread helper() {
        Thread h = helper;
        if (h == null) {
            synchronized (RowSplit.class) {
                h = helper;
                if (h == null) {
                    h = new Thread(RowSplit::loop, "row-split");
                    h.setDaemon(true);
                    h.start();
                    helper = h;
                }
            }
        }
        return h;
    }

    private static void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Runnable t = OFFERED.getAndSet(null);
            if (t != null) {
                try {
                    t.run();
                    HELPED.incrementAndGet();
                } catch (Throwable e) {
                    failure = e;
                }
                done = true;
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
