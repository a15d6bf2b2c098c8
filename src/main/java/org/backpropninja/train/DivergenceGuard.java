package org.backpropninja.train;

/**
 * The rule that stops a diverging run: a minibatch loss that is not finite, or that is more than
 * {@link #FACTOR} times the larger of ln(vocab_size) and the first step's loss.
 *
 * <p>Why this rule. ln(vocab_size) is the cross-entropy of a uniform guess (3.30 for the 27 tokens of
 * names.txt), and the first step's loss is what the initialisation gives (3.95 for the notebook's);
 * a run that learns only lowers its loss from there, and a single minibatch of a working run scatters
 * around its running mean by far less than a factor of ten (the default 200,000-step run's largest
 * minibatch loss is the first one, 3.95). Taking the larger of the two keeps a wide network, whose
 * first loss is above ln(vocab_size), from being stopped at its start. A diverging run does not
 * usually show NaN: tanh saturates and the cross-entropy subtracts the row maximum, so the loss of
 * a run thrown off by too large a learning rate just grows (linearly in the logits, 5.4e7 after 300
 * steps at a learning rate of 1e6). Ten times the starting loss is far outside anything a working
 * run shows and is reached within a few steps by a run that diverges.
 */
public final class DivergenceGuard {

    /** How many times the reference loss a minibatch loss may reach before the run is stopped. */
    public static final int FACTOR = 10;

    private final double lnVocab;
    private double limit = Double.POSITIVE_INFINITY;

    /** A guard for a network over {@code vocabSize} tokens (at least 2). */
    public DivergenceGuard(int vocabSize) {
        if (vocabSize < 2) {
            throw new IllegalArgumentException("DivergenceGuard: vocab_size must be at least 2, got " + vocabSize);
        }
        this.lnVocab = Math.log(vocabSize);
    }

    /**
     * Checks the minibatch loss of {@code step} (the first call is the first step, whose loss sets the
     * limit); throws {@link DivergedException} when the rule above is broken. {@code learningRate} is
     * the rate of the update that produced the parameters this loss was measured on (the previous
     * step's), NaN at the first step, before any update.
     */
    public void check(long step, double loss, double learningRate) {
        if (!Double.isFinite(loss) || loss > limit) {
            throw new DivergedException(step, loss, learningRate, limit);
        }
        if (limit == Double.POSITIVE_INFINITY) {
            limit = FACTOR * Math.max(lnVocab, loss);
        }
    }

    /** The current limit: infinite before the first step, then {@link #FACTOR} times max(ln V, first loss). */
    public double limit() {
        return limit;
    }
}
