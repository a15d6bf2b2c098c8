package org.backpropninja.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Mlp;
import org.backpropninja.rng.TorchGenerator;

/**
 * Sampling names from a trained model, the notebook's last cell: start from a context of '.',
 * draw the next character from softmax(logits), shift it into the context, stop at '.'.
 *
 * <p>The draw is by inverse CDF with one {@link TorchGenerator#uniform53()} per character: the
 * first index whose cumulative probability exceeds the uniform. torch.multinomial draws differently,
 * so with the same generator seed the names differ from the notebook's; they are reproducible here
 * (same model, same seed, same names).
 */
public final class Sampler {

    /** A name longer than this is cut off (a degenerate model might never emit '.'). */
    public static final int MAX_LENGTH = 256;

    private Sampler() {
    }

    /**
     * One sampled name.
     *
     * @param text its characters, without the terminating '.'
     * @param cut true when it reached {@link #MAX_LENGTH} characters without drawing '.'
     */
    public record Name(String text, boolean cut) {
        /** As printed: {@code emma.} for a name that ended; a cut name without the '.' and marked as cut. */
        public String display() {
            return cut ? text + " [cut: no end after " + MAX_LENGTH + " characters]" : text + ".";
        }
    }

    /** {@code count} names, each without its terminating '.' but printed with it by the caller. */
    public static List<String> sample(Model model, TorchGenerator g, int count) {
        List<String> names = new ArrayList<>(count);
        forEach(model, g, count, n -> names.add(n.text()));
        return names;
    }

    /**
     * Samples up to {@code count} names, handing each to {@code each} as soon as it is drawn; stops
     * early when {@code each} returns false (for example when the output has been closed). The same
     * names, in the same order, as {@link #sample}.
     */
    public static void forEach(Model model, TorchGenerator g, int count, Predicate<Name> each) {
        Mlp mlp = Mlp.of(model.params());
        BatchNorm.Stats stats = new BatchNorm.Stats(model.bnmean(), model.bnvar());
        for (int k = 0; k < count; k++) {
            int[] context = new int[model.block()];
            StringBuilder out = new StringBuilder();
            boolean ended = false;
            for (int len = 0; len < MAX_LENGTH && !ended; len++) {
                Matrix logits = mlp.logits(model.params(), stats, IntMatrix.of(1, context.length, context));
                int ix = draw(CrossEntropy.softmax(logits).rowArray(0), g.uniform53());
                System.arraycopy(context, 1, context, 0, context.length - 1);
                context[context.length - 1] = ix;
                ended = ix == 0;
                if (!ended) {
                    out.append(model.tokens().get(ix));
                }
            }
            if (!each.test(new Name(out.toString(), !ended))) {
                return;
            }
        }
    }

    /** The first index whose cumulative probability exceeds u in [0, 1); the last positive one if rounding leaves u above the total. */
    static int draw(double[] probs, double u) {
        double cum = 0;
        int last = 0;
        for (int j = 0; j < probs.length; j++) {
            if (probs[j] > 0) {
                last = j;
            }
            cum += probs[j];
            if (u < cum) {
                return j;
            }
        }
        return last;
    }
}
