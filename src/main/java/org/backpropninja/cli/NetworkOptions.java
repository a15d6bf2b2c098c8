package org.backpropninja.cli;

import java.util.Optional;
import org.backpropninja.notebook.Recipe;
import picocli.CommandLine.Option;

/**
 * The options every command that builds the network shares ({@code --data --seed --embd --hidden
 * --block --batch}), declared once: a picocli mixin, {@code @Mixin NetworkOptions network = new
 * NetworkOptions(Recipe.EXERCISE_4)}. Its defaults are the given {@link Recipe}'s (each command chooses
 * which), and {@code --help} shows them. Each option's range is checked as it is converted; the one rule
 * across options, that the first layer fits in one array ({@link SizeLimit}), when {@link #recipe()} is
 * asked for.
 */
public final class NetworkOptions {

    /** The largest seed: the sampling generator of a run is seeded with {@link Recipe#samplingSeed(long)}. */
    public static final long MAX_SEED = Long.MAX_VALUE - Recipe.SAMPLING_SEED_OFFSET;

    private final Recipe base;

    @Option(names = "--data", paramLabel = "PATH", description = "path of names.txt (default: ./names.txt)")
    private String data;

    @Option(names = "--seed", paramLabel = "SEED", converter = Seed.class,
            description = "seed of the torch-compatible generator (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--embd", paramLabel = "EMBD", converter = Embd.class,
            description = "embedding width n_embd, 1 to 4096 (default: ${DEFAULT-VALUE})")
    private long embd;

    @Option(names = "--hidden", paramLabel = "HIDDEN", converter = Hidden.class,
            description = "hidden width n_hidden, 1 to 65536 (default: ${DEFAULT-VALUE})")
    private long hidden;

    @Option(names = "--block", paramLabel = "BLOCK", converter = Block.class,
            description = "context length block_size, 1 to 1024 (default: ${DEFAULT-VALUE})")
    private long block;

    @Option(names = "--batch", paramLabel = "BATCH", converter = Batch.class,
            description = "minibatch size, 2 to 1048576 (default: ${DEFAULT-VALUE})")
    private long batch;

    /** The options with {@code base}'s sizes and seed as their defaults. */
    public NetworkOptions(Recipe base) {
        this.base = base;
        this.seed = base.seed();
        this.embd = base.embd();
        this.hidden = base.hidden();
        this.block = base.block();
        this.batch = base.batch();
    }

    /** The names file given with --data, if any. */
    public Optional<String> data() {
        return Optional.ofNullable(data);
    }

    /** The base recipe with the sizes and seed given; a {@link UsageError} when the first layer cannot be held. */
    public Recipe recipe() {
        SizeLimit.requireFirstLayerFits((int) embd, (int) block, (int) hidden);
        return base.with(seed, (int) embd, (int) hidden, (int) block, (int) batch);
    }

    static final class Seed extends WholeNumber {
        Seed() {
            super(0, MAX_SEED);
        }
    }

    static final class Embd extends WholeNumber {
        Embd() {
            super(1, 4096);
        }
    }

    static final class Hidden extends WholeNumber {
        Hidden() {
            super(1, 65536);
        }
    }

    static final class Block extends WholeNumber {
        Block() {
            super(1, 1024);
        }
    }

    static final class Batch extends WholeNumber {
        Batch() {
            super(2, 1 << 20, "batchnorm's unbiased variance needs two examples");
        }
    }
}
