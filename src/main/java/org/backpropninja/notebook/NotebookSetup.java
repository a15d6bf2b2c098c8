package org.backpropninja.notebook;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Dataset;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;

/**
 * Everything the notebook has in hand before its first forward pass (its data, initialisation and minibatch cells): the
 * {@link Recipe}'s data and parameters, and the first minibatch {@code ix = randint(0, n_train,
 * (batch,))} drawn from the recipe's generator right after the parameters. With the defaults every
 * number matches the notebook.
 *
 * @param config the sizes and seeds
 * @param words the names in file order
 * @param vocab the character table
 * @param split the shuffled names, cut 80/10/10
 * @param data the training, dev and test examples
 * @param params the initial parameters
 * @param batch the first minibatch: {@code Xb: (batch, block)}, {@code Yb: (batch,)}
 */
public record NotebookSetup(Config config, List<String> words, Vocabulary vocab, Split split,
        Split.Datasets data, Params params, Dataset batch) {

    /** The notebook's torch seed ({@link Recipe#SEED}). */
    public static final long NOTEBOOK_TORCH_SEED = Recipe.SEED;

    public NotebookSetup {
        words = List.copyOf(words);
    }

    /**
     * The recipe's knobs.
     *
     * @param seed the torch generator's seed (0 .. Long.MAX_VALUE; only the low 32 bits reach MT19937)
     * @param nEmbd the embedding width
     * @param nHidden the hidden layer width
     * @param batch the minibatch size, at least 2 (batch norm's unbiased variance needs two rows)
     * @param block the context length
     * @param data the names file given with --data, if any
     * @param init the initialisation recipe
     */
    public record Config(long seed, int nEmbd, int nHidden, int batch, int block, Optional<String> data,
            NotebookInit init) {

        public Config {
            if (seed < 0 || nEmbd < 1 || nHidden < 1 || batch < 2 || block < 1) {
                throw new IllegalArgumentException("NotebookSetup.Config: need seed >= 0, sizes >= 1 and"
                        + " batch >= 2, got seed " + seed + ", n_embd " + nEmbd + ", n_hidden " + nHidden
                        + ", batch " + batch + ", block " + block);
            }
        }

        /** The setup of a recipe, reading the names file given with --data, if any. */
        public static Config of(Recipe r, Optional<String> data) {
            return new Config(r.seed(), r.embd(), r.hidden(), r.batch(), r.block(), data, r.init());
        }

        /** The notebook's Exercise-1 setup ({@link Recipe#EXERCISE_1}: n_embd 10, n_hidden 64, batch 32, block 3). */
        public static Config notebook() {
            return of(Recipe.EXERCISE_1, Optional.empty());
        }

        /** The notebook's Exercise-4 setup ({@link Recipe#EXERCISE_4}: n_hidden 200 and random bngain/bnbias). */
        public static Config exercise4() {
            return of(Recipe.EXERCISE_4, Optional.empty());
        }

        /** The recipe these knobs make. */
        public Recipe recipe() {
            return new Recipe(seed, nEmbd, nHidden, block, batch, init);
        }
    }

    /** Reads the names file the config points to (or the default location) and builds the setup. */
    public static NotebookSetup build(Config config) {
        Path file = DataFile.locate(config.data());
        return build(config, Names.read(file));
    }

    /** Builds the setup from names already read. */
    public static NotebookSetup build(Config config, List<String> words) {
        Recipe recipe = config.recipe();
        Recipe.Corpus corpus = recipe.corpus(words);
        Recipe.Start start = recipe.start(corpus.vocab().size());
        Dataset train = corpus.data().train();
        int[] ix = start.g().randint(0, train.size(), config.batch());
        return new NotebookSetup(config, corpus.words(), corpus.vocab(), corpus.split(), corpus.data(),
                start.params(), train.select(ix));
    }

    /** The loss of the first forward pass on the first minibatch, through the network's layers. */
    public double initialLoss() {
        return Mlp.of(params).forward(params, batch.x(), batch.y()).loss();
    }
}
