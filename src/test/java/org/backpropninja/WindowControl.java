package org.backpropninja;

/**
 * A control for Bench's steadiness line: a loop that allocates nothing, runs on one thread and does
 * the same multiply-adds over two 32 KB arrays in every iteration (about 60 us here), timed and cut
 * into windows exactly as {@link StepWindows} cuts Bench's steps. Whatever moves its window medians
 * is outside the program: no garbage collection, no second thread, no data that changes. Run it
 * beside Bench to tell the host's variation from the training step's. A measurement, not a test
 * (its name keeps it out of the suite); from the repository's top level, after
 * {@code mvn test-compile}:
 *
 * <pre>
 *   java -cp target/classes:target/test-classes org.backpropninja.WindowControl [iterations]
 * </pre>
 *
 * (default 20,000, after 5,000 of warm-up).
 */
public final class WindowControl {

    /** Where the loop's result goes, so that the JIT cannot drop the loop. */
    static volatile double sink;

    private WindowControl() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        double[] x = new double[4096];
        double[] y = new double[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
            y[i] = Math.cos(i);
        }
        double[] us = new double[iterations];
        for (int it = -5000; it < iterations; it++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < 100; r++) {
                for (int i = 0; i < x.length; i++) {
                    y[i] = Math.fma(x[i], 0.999, y[i]) * 0.5;
                }
            }
            sink = y[7];
            if (it >= 0) {
                us[it] = (System.nanoTime() - t0) / 1e3;
            }
        }
        System.out.println("control loop (one thread, nothing allocated): " + StepWindows.of(us).describe()
                .replace("steadiness: ", "").replace(" steps,", " iterations,"));
    }
}
