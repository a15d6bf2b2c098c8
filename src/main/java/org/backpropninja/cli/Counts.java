package org.backpropninja.cli;

/**
 * The counts that several commands take, each with its range in one place: how many names to
 * sample ({@code --samples}, train and sample) and how many threads evaluate ({@code --threads},
 * train and evaluate).
 */
public final class Counts {

    /** Names sampled when --samples is not given. */
    public static final long SAMPLES = 20;

    private Counts() {
    }

    /** {@code --samples}: 0 to 1,000,000 names. */
    public static final class Samples extends WholeNumber {
        public Samples() {
            super(0, 1_000_000);
        }
    }

    /** {@code --threads}: 1 to 1024 threads. */
    public static final class Threads extends WholeNumber {
        public Threads() {
            super(1, 1024);
        }
    }
}
