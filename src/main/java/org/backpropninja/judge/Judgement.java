package org.backpropninja.judge;

/**
 * What {@link Judge#run()} found over its tries: every case passed, or the first case that did not,
 * with the smallest case jqwik's shrinking reached that keeps the same outcome.
 *
 * @param layer       the layer's name
 * @param seed        the seed of the run: {@code Judge.of(spec).seed(seed).run()} repeats it
 * @param tries       how many cases were judged before the first that did not pass (all, if none)
 * @param found       the first case that did not pass, as drawn (null if every case passed)
 * @param shrunk      the smallest case with found's outcome (null if every case passed)
 * @param shrinkSteps how many shrinking steps led from found to shrunk
 */
public record Judgement(String layer, long seed, int tries, Verdict found, Verdict shrunk, int shrinkSteps) {

    /** Every case passed. */
    public boolean passed() {
        return shrunk == null;
    }

    /** Some case was a real mismatch. */
    public boolean failed() {
        return shrunk != null && shrunk.failed();
    }

    /** The verdict for a reader: the count of cases, or the shrunk case's full verdict. */
    public String describe() {
        if (passed()) {
            return layer + ": pass on " + tries + " generated cases (seed " + seed + ")";
        }
        return layer + ": " + shrunk.outcome() + " on case " + tries + " of the run (seed " + seed + "), shrunk in "
                + shrinkSteps + " steps to\n" + shrunk.describe();
    }

    /** Throws an {@link AssertionError} with {@link #describe()} unless every case passed. */
    public Judgement assertPassed() {
        if (!passed()) {
            throw new AssertionError(describe());
        }
        return this;
    }

    /**
     * For a backward you know is wrong: returns when some case was a real mismatch (its shrunk
     * verdict in {@link #describe()}), throws when every case passed or the first case that did not
     * was inconclusive or invalid -- a rejection for the wrong reason proves nothing.
     */
    public Judgement assertRejected() {
        if (!failed()) {
            throw new AssertionError("expected " + layer + " to be rejected, but " + describe());
        }
        return this;
    }
}
