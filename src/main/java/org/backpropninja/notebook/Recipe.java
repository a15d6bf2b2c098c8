package org.backpropninja.notebook;

import java.nio.file.Path;
import java.util.List;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;

/**
 * The notebook's training recipe, written once: names -> vocabulary -> the seed-42 split
 * ({@link Corpus}) -> a torch generator seeded with {@link #seed} -> the parameters drawn from it by
 * {@link #init} ({@link Start}); the same generator then draws the minibatches. Beside it, the
 * learning-rate schedule ({@link #schedule}) and the sampling seed rule ({@link #samplingSeed}).
 * The train, bench, evaluate and gradcheck commands, the notebook's setup and the workbook's
 * Exercise 4 all start here, and the commands' --help shows these defaults.
 *
 * @param seed the torch generator's seed
 * @param embd the embedding width n_embd
 * @param hidden the hidden width n_hidden
 * @param block the context length block_size
 * @param batch the minibatch size
 * @param init how the parameters are drawn
 */
public record Recipe(long seed, int embd, int hidden, int block, int batch, NotebookInit init) {

    /** The notebook's torch seed. */
    public static final long SEED = 2147483647L;

    /** Exercise 4, the full training run and the train command's defaults: n_hidden 200, bngain/bnbias drawn. */
    public static final Recipe EXERCISE_4 = new Recipe(SEED, 10, 200, 3, 32, NotebookInit.EXERCISE_4);

    /** Exercise 1, the gradient check: as {@link #EXERCISE_4} with n_hidden 64 and bngain/bnbias not drawn. */
    public static final Recipe EXERCISE_1 = new Recipe(SEED, 10, 64, 3, 32, NotebookInit.EXERCISE_1);

    /** The learning rate before the decay step. */
    public static final double LR = 0.1;

    /** The learning rate from the decay step on. */
    public static final double LR_AFTER = 0.01;

    /** The decay step's rule in words, as {@link #lrDecayStep} computes it. */
    public static final String LR_DECAY_STEP_RULE = "steps/2";

    /** How far the sampling generator's seed is from the training generator's. */
    public static final long SAMPLING_SEED_OFFSET = 10;

    /** The first step of the second learning rate in a run of {@code steps} steps: half way. */
    public static long lrDecayStep(long steps) {
        return steps / 2;
    }

    /** The notebook's schedule for a run of {@code steps} steps: 0.1, then 0.01 from half way. */
    public static Sgd.Schedule schedule(long steps) {
        return new Sgd.Schedule(LR, lrDecayStep(steps), LR_AFTER);
    }

    /** The seed of the generator that samples names after a run trained from {@code seed}. */
    public static long samplingSeed(long seed) {
        return seed + SAMPLING_SEED_OFFSET;
    }

    /** The seed of the generator that samples names after this recipe's run. */
    public long samplingSeed() {
        return samplingSeed(seed);
    }

    /** The same recipe with other sizes and seed (as the options give them), drawn the same way. */
    public Recipe with(long seed, int embd, int hidden, int block, int batch) {
        return new Recipe(seed, embd, hidden, block, batch, init);
    }

    /** The data of a run with this recipe's context length. */
    public Corpus corpus(List<String> words) {
        return Corpus.of(words, block);
    }

    /** The data of a run with this recipe's context length, read from {@code file}. */
    public Corpus corpus(Path file) {
        return corpus(file, () -> { });
    }

    /**
     * As {@link #corpus(Path)}, calling {@code stageDone} after each of its {@link Corpus#STAGES}
     * stages (for a progress line: a names file of tens of megabytes takes a while to load).
     */
    public Corpus corpus(Path file, Runnable stageDone) {
        List<String> words = Names.read(file);
        stageDone.run();
        return Corpus.of(words, block, stageDone);
    }

    /** The generator seeded, then the parameters for {@code vocabSize} tokens drawn from it. */
    public Start start(int vocabSize) {
        TorchGenerator g = TorchGenerator.manualSeed(seed);
        Params params = init.init(g, vocabSize, embd, hidden, block);
        return new Start(g, params);
    }

    /**
     * The data stage: the names, their vocabulary, the seed-42 split and its examples.
     *
     * @param words the names in file order
     * @param vocab the character table
     * @param split the shuffled names, cut 80/10/10
     * @param data the training, dev and test examples at context length {@code block}
     */
    public record Corpus(List<String> words, Vocabulary vocab, Split split, Split.Datasets data) {

        public Corpus {
            words = List.copyOf(words);
        }

        /** The stages of loading a corpus from a file: the names, the vocabulary, the split, the examples. */
        public static final int STAGES = 4;

        /** names -> vocabulary -> the notebook's seed-42 split -> its examples at context length {@code block}. */
        public static Corpus of(List<String> words, int block) {
            return of(words, block, () -> { });
        }

        private static Corpus of(List<String> words, int block, Runnable stageDone) {
            Vocabulary vocab = Vocabulary.of(words);
            stageDone.run();
            Split split = Split.of(words, Split.NOTEBOOK_SEED);
            stageDone.run();
            Split.Datasets data = split.datasets(vocab, block);
            stageDone.run();
            return new Corpus(words, vocab, split, data);
        }
    }

    /**
     * The generator stage.
     *
     * @param g the generator, advanced past the parameters' draws: it draws the minibatches next
     * @param params the initial parameters
     */
    public record Start(TorchGenerator g, Params params) {
    }
}
