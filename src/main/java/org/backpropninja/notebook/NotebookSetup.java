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
import org.backpropninja.rng.TorchGenerator;

/**
 * Everything the notebook has in hand before its first forward pass (cells 2, 37 and 38): the names,
 * the vocabulary, the seed-42 split and its datasets, the parameters drawn from a seeded torch
 * generator, and the first minibatch {@code ix = randint(0, n_train, (batch,))} drawn from the same
 * generator right after the parameters. With the defaults every number matches the notebook.
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

    /** The notebook's torch seed. */
    public static final long NOTEBOOK_TORCH_SEED = 2147483647L;

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

        /** The notebook's Exercise-1 setup: seed 2147483647, n_embd 10, n_hidden 64, batch 32, block 3. */
        public static Config notebook() {
            return new Config(NOTEBOOK_TORCH_SEED, 10, 64, 32, 3, Optional.empty(), NotebookInit.EXERCISE_1);
        }

        /** The notebook's Exercise-4 setup: as {@link #notebook()} with n_hidden 200 and random bngain/bnbias. */
        public static Config exercise4() {
            return new Config(NOTEBOOK_TORCH_SEED, 10, 200, 32, 3, Optional.empty(), NotebookInit.EXERCISE_4);
        }

        /** The same setup with another names file. */
        public Config withData(String path) {
            return new Config(seed, nEmbd, nHidden, batch, block, Optional.of(path), init);
        }
    }

    /** Reads the names file the config points to (or the default location) and builds the setup. */
    public static NotebookSetup build(Config config) {
        Path file = DataFile.locate(config.data());
        return build(config, Names.read(file));
    }

    /** Builds the setup from names already read. */
    public static NotebookSetup build(Config config, List<String> words) {
        Vocabulary vocab = Vocabulary.of(words);
        Split split = Split.of(words, Split.NOTEBOOK_SEED);
        Split.Datasets data = split.datasets(vocab, config.block());
        TorchGenerator g = TorchGenerator.manualSeed(config.seed());
        Params params = config.init().init(g, vocab.size(), config.nEmbd(), config.nHidden(), config.block());
        int[] ix = g.randint(0, data.train().size(), config.batch());
        return new NotebookSetup(config, words, vocab, split, data, params, data.train().select(ix));
    }

    /** The loss of the first forward pass on the first minibatch, through the network's layers. */
    public double initialLoss() {
        return Mlp.of(params).forward(params, batch.x(), batch.y()).loss();
    }
}
