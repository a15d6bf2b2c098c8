package org.backpropninja.train;

import org.backpropninja.data.Dataset;
import org.backpropninja.matrix.RowReuse;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;

/**
 * The notebook's Exercise-4 loop on the hand-written backward only: each step draws a minibatch
 * with {@code randint(0, n_train, (batch,))}, runs {@link Mlp#forward}, {@link Mlp#backward} and
 * {@link Sgd#step}, and records log10 of the minibatch loss.
 */
public final class Trainer {

    private Trainer() {
    }

    /** Called after every step, with the step index and its minibatch loss. */
    @FunctionalInterface
    public interface Listener {
        void onStep(long step, double loss);
    }

    /** A backward in place of {@link Mlp#backward}: the seven gradients from a step's forward. */
    @FunctionalInterface
    public interface Backward {
        Params apply(Params p, Mlp.Forward f, Dataset batch);
    }

    /** The trained parameters and log10 of every step's minibatch loss. */
    public record Result(Params params, double[] log10Loss) {
    }

    /**
     * Trains from {@code init}. The generator supplies the minibatches and advances with them.
     * Stops with a {@link DivergedException} at the first step whose loss breaks the
     * {@link DivergenceGuard}'s rule (not finite, or more than ten times the larger of
     * ln(vocab_size) and the first loss), naming the step: nothing the run could write would be
     * meaningful.
     */
    public static Result train(Params init, Dataset train, int batch, long steps, Sgd.Schedule schedule,
                               TorchGenerator g, Listener listener) {
        Mlp mlp = Mlp.of(init);
        return loop(mlp, init, train, batch, steps, schedule, g, listener, (p, f, b) -> mlp.backward(f), true);
    }

    /**
     * As {@link #train(Params, Dataset, int, long, Sgd.Schedule, TorchGenerator, Listener)} with another
     * backward: a learner's, from the workbook (docs/workbook.md, Exercise 4).
     */
    public static Result train(Params init, Dataset train, int batch, long steps, Sgd.Schedule schedule,
                               TorchGenerator g, Listener listener, Backward backward) {
        return loop(Mlp.of(init), init, train, batch, steps, schedule, g, listener, backward, false);
    }

    /**
     * The loop. With {@code reuseRows} the steps' result rows are reused two steps later
     * ({@link RowReuse}): only for the library's own backward, which keeps nothing of a step; a
     * learner's backward may keep what it is given, so it runs on fresh rows.
     */
    private static Result loop(Mlp mlp, Params init, Dataset train, int batch, long steps,
                               Sgd.Schedule schedule, TorchGenerator g, Listener listener, Backward backward,
                               boolean reuseRows) {
        if (steps < 1 || steps > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Trainer: steps must be in [1, 2^31 - 9], got " + steps);
        }
        Params p = init;
        double[] log10Loss = new double[(int) steps];
        DivergenceGuard guard = new DivergenceGuard(init.C().rows());
        // The loss of step i is measured on the parameters the update of step i - 1 made: a loss
        // that blew up is blamed on that update's rate, not on the rate step i would use next.
        double lastRate = Double.NaN;
        // a step reads only the parameters the step before it made, and keeps nothing else: the
        // promise RowReuse asks for; the listener sees the loss, a number
        try (RowReuse rows = reuseRows ? RowReuse.open() : null) {
            for (long i = 0; i < steps; i++) {
                if (rows != null) {
                    rows.nextStep();
                }
                Dataset b = train.select(g.randint(0, train.size(), batch));        // Xb: (batch, block), Yb
                Mlp.Forward f = mlp.forward(p, b.x(), b.y());
                double loss = f.loss();
                guard.check(i, loss, lastRate);
                double lr = schedule.at(i);
                Params grads = backward.apply(p, f, b);                               // dC, dW1, ... dbnbias
                p = Sgd.step(p, grads, lr);
                lastRate = lr;
                log10Loss[(int) i] = Math.log10(loss);
                listener.onStep(i, loss);
            }
        }
        return new Result(p, log10Loss);
    }
}
