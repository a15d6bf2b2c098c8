package org.backpropninja.cli;

import java.util.Optional;
import org.backpropninja.notebook.Recipe;

/**
 * The options every command that builds the network shares ({@code --data --seed --embd --hidden
 * --block --batch}): one spec, one help line each, one validation. The defaults are a {@link Recipe}'s
 * (each command chooses which, and the place of these options in its help).
 */
public final class NetworkOptions {

    /** The largest seed: the sampling generator of a run is seeded with {@link Recipe#samplingSeed(long)}. */
    public static final long MAX_SEED = Long.MAX_VALUE - Recipe.SAMPLING_SEED_OFFSET;

    /**
     * The parsed and validated values.
     *
     * @param data the names file given with --data, if any
     * @param seed the torch generator's seed, 0 .. {@link #MAX_SEED}
     * @param embd the embedding width n_embd, 1 .. 4096
     * @param hidden the hidden width n_hidden, 1 .. 65536
     * @param block the context length block_size, 1 .. 1024
     * @param batch the minibatch size, 2 .. 2^20
     */
    public record Values(Optional<String> data, long seed, int embd, int hidden, int block, int batch) {

        /** The recipe {@code base} with these sizes and seed. */
        public Recipe recipe(Recipe base) {
            return base.with(seed, embd, hidden, block, batch);
        }
    }

    private NetworkOptions() {
    }

    public static Options.Spec data() {
        return new Options.Spec("data", null, "path of names.txt (else ./names.txt)");
    }

    public static Options.Spec seed(Recipe d) {
        return new Options.Spec("seed", Long.toString(d.seed()), "seed of the torch-compatible generator");
    }

    public static Options.Spec embd(Recipe d) {
        return new Options.Spec("embd", Integer.toString(d.embd()), "embedding width n_embd");
    }

    public static Options.Spec hidden(Recipe d) {
        return new Options.Spec("hidden", Integer.toString(d.hidden()), "hidden width n_hidden");
    }

    public static Options.Spec block(Recipe d) {
        return new Options.Spec("block", Integer.toString(d.block()), "context length block_size");
    }

    public static Options.Spec batch(Recipe d) {
        return new Options.Spec("batch", Integer.toString(d.batch()), "minibatch size, at least 2");
    }

    /** Reads and validates the six options; any problem is a {@link UsageError} naming the option. */
    public static Values parse(Options o) {
        long seed = o.longValue("seed");
        if (seed < 0 || seed > MAX_SEED) {
            throw new UsageError("option --seed must be between 0 and " + MAX_SEED + ", got " + seed);
        }
        long batch = o.longValue("batch");
        if (batch < 2 || batch > 1 << 20) {
            throw new UsageError("option --batch must be at least 2 (batchnorm's unbiased variance needs two"
                    + " examples) and at most " + (1 << 20) + ", got " + batch);
        }
        int embd = o.intIn("embd", 1, 4096);
        int hidden = o.intIn("hidden", 1, 65536);
        int block = o.intIn("block", 1, 1024);
        SizeLimit.requireFirstLayerFits(embd, block, hidden);
        return new Values(o.string("data"), seed, embd, hidden, block, (int) batch);
    }
}
