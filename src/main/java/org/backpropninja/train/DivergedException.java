package org.backpropninja.train;

import java.util.Locale;
import org.backpropninja.failure.BadInput;

/**
 * A training run stopped by {@link DivergenceGuard}: the minibatch loss at {@code step} was not
 * finite or was above {@code limit}. Nothing the run could write would be meaningful; the commands
 * print the message, one sentence naming the step, the loss and the learning rate, and exit with
 * status 2. The learning rate named is that of the update that led to the loss (the previous
 * step's: the loss of a step is measured before its own update), NaN before any update.
 */
public class DivergedException extends BadInput {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final double loss;
    private final double learningRate;
    private final double limit;

    public DivergedException(long step, double loss, double learningRate, double limit) {
        super(message(step, loss, learningRate, limit));
        this.step = step;
        this.loss = loss;
        this.learningRate = learningRate;
        this.limit = limit;
    }

    private static String message(long step, double loss, double learningRate, double limit) {
        if (Double.isNaN(learningRate)) {
            return "the loss became " + loss + " at step " + step + ", before any update: the initialisation"
                    + " gives no finite loss on this data";
        }
        String why = Double.isFinite(loss) ? String.format(Locale.ROOT, ", more than the limit %.4g (%d times the"
                + " larger of ln(vocab_size) and the first step's loss)", limit, DivergenceGuard.FACTOR) : "";
        return "the loss became " + loss + " at step " + step + " (learning rate " + learningRate + ")" + why
                + ": the run diverged; try a smaller learning rate";
    }

    public long step() {
        return step;
    }

    public double loss() {
        return loss;
    }

    public double learningRate() {
        return learningRate;
    }

    /** The limit the loss crossed; infinite when the loss was not finite at the first step, before any limit. */
    public double limit() {
        return limit;
    }
}
