package org.backpropninja.data;

import java.util.List;
import org.backpropninja.rng.PythonRandom;

/**
 * The notebook's split: {@code random.seed(seed); random.shuffle(words)}, then the first
 * {@code int(0.8*len)} names for training, up to {@code int(0.9*len)} for dev, the rest for test.
 *
 * @param train the training names
 * @param dev the dev (validation) names
 * @param test the test names
 */
public record Split(List<String> train, List<String> dev, List<String> test) {

    /** The notebook's shuffle seed. */
    public static final long NOTEBOOK_SEED = 42;

    public Split {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
    }

    /** Shuffles a copy of {@code words} as Python would with {@code seed}, then cuts 80/10/10. */
    public static Split of(List<String> words, long seed) {
        List<String> shuffled = PythonRandom.seed(seed).shuffled(words);
        int n = shuffled.size();
        int n1 = (int) (0.8 * n); // Python's int(0.8 * len(words)): a double product, truncated
        int n2 = (int) (0.9 * n);
        if (n1 == 0 || n2 == n1 || n2 == n) {
            throw new DataException("the 80/10/10 split of " + n + (n == 1 ? " name" : " names") + " leaves a part empty;"
                    + " give at least 10 names");
        }
        return new Split(shuffled.subList(0, n1), shuffled.subList(n1, n2), shuffled.subList(n2, n));
    }

    /** The three datasets, built with contexts of {@code block} indices. */
    public Datasets datasets(Vocabulary vocab, int block) {
        return new Datasets(Dataset.build(train, vocab, block), Dataset.build(dev, vocab, block),
                Dataset.build(test, vocab, block));
    }

    /** Training, dev and test examples. */
    public record Datasets(Dataset train, Dataset dev, Dataset test) {
        /** The numbers of examples, as the notebook prints them: {@code "182625 22655 22866"}. */
        public String sizes() {
            return train.size() + " " + dev.size() + " " + test.size();
        }
    }
}
