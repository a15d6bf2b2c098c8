package org.backpropninja.terminal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress line on a terminal: step, steps per second and time left, redrawn in place
 * with a carriage return at most a few times a second. Silent when the output is not a terminal,
 * so logs and pipes get only the notebook's lines. And how often those lines come: {@link #logEvery}.
 *
 * <p>A run stopped by Ctrl-C or {@code kill} ends the line it left drawn (one shutdown hook for
 * all progress lines, {@link #endLineOnShutdown}), so the shell's prompt starts on a line of its own.
 */
public final class Progress {

    /** The notebook's interval between progress lines, kept for runs of 100,000 steps and more. */
    public static final long NOTEBOOK_EVERY = 10_000;

    private final PrintStream out;
    private final boolean live;
    private final long total;
    private final String label;
    private final String unit;
    private final long startNanos;
    private long lastDraw;

    /** The progress line last drawn and not cleared, if any: what a shutdown must end. */
    private static volatile Progress drawn;
    /** Set by the shutdown hook: no line is drawn again after it ended the last one. */
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Progress::endLineOnShutdown, "end the progress line"));
    }

    /** The training loop's line: "step 1,200/200,000  1,850 steps/s  107 s left". */
    public Progress(PrintStream out, boolean live, long total) {
        this(out, live, total, "step", "steps");
    }

    /**
     * A line for another phase of work: {@code label} before the count ("calibration and evaluation:
     * chunk"), {@code unit} in the rate ("chunks").
     */
    public Progress(PrintStream out, boolean live, long total, String label, String unit) {
        this.out = out;
        this.live = live;
        this.total = total;
        this.label = label;
        this.unit = unit;
        this.startNanos = System.nanoTime();
        this.lastDraw = startNanos;
    }

    /** Ends the progress line left drawn, if any: the shutdown path of Ctrl-C and kill. */
    static void endLineOnShutdown() {
        shuttingDown = true;
        Progress p = drawn;
        if (p != null) {
            drawn = null;
            p.out.println();
            p.out.flush();
        }
    }

    /**
     * Steps between two progress lines of a run of {@code steps} steps: the notebook's 10,000 for
     * runs of 100,000 steps or more (the default 200,000-step run prints what the notebook prints),
     * else a tenth of the run rounded down to 1, 2 or 5 times a power of ten (at least 1), so a
     * short run prints at least ten lines: 100 for 1,000 steps, 20 for 300.
     */
    public static long logEvery(long steps) {
        if (steps >= 10 * NOTEBOOK_EVERY) {
            return NOTEBOOK_EVERY;
        }
        long tenth = Math.max(1, steps / 10);
        long p = 1;
        while (p * 10 <= tenth) {
            p *= 10;
        }
        return tenth >= 5 * p ? 5 * p : tenth >= 2 * p ? 2 * p : p;
    }

    /** True when standard output is an interactive terminal. */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** Called after each step (or unit of work, {@code step} of them done); redraws at most every 200 ms. */
    public void update(long step) {
        if (!live || shuttingDown) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && step < total) {
            return;
        }
        lastDraw = now;
        double secs = (now - startNanos) / 1e9;
        double rate = secs > 0 ? step / secs : 0;
        double left = rate > 0 ? (total - step) / rate : 0;
        out.print(String.format(Locale.ROOT, "\r  %s %,d/%,d  %,.0f %s/s  %.0f s left   ", label, step, total, rate,
                unit, left));
        out.flush();
        drawn = this;
    }

    /** Erases the live line before a regular line is printed. */
    public void clear() {
        if (live) {
            out.print("\r" + " ".repeat(72) + "\r");
            out.flush();
            if (drawn == this) {
                drawn = null;
            }
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
