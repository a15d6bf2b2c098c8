package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.notebook.NotebookInit;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.testing.Models;
import org.backpropninja.model.Model;
import org.backpropninja.model.Sampler;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same bits, for each random stage of a run: the data split, the initialisation and the
 * samples. (The training itself, 1,000 steps at one and at three threads, is
 * {@link TrainTest#aThousandStepRunGivesTheSameBitsAtOneAndThreeThreads}; the minibatch draws are
 * replayed by hand in train/TrainingStepProperties.)
 */
class DeterminismTest {

    static final List<String> WORDS = Names.read(DataFile.locate(Optional.empty()));

    @Test
    void theSameSeedGivesTheSameSplitAndTheSameExamples() {
        Split a = Split.of(WORDS, Split.NOTEBOOK_SEED);
        Split b = Split.of(List.copyOf(WORDS), Split.NOTEBOOK_SEED);
        assertEquals(a, b);
        Vocabulary vocab = Vocabulary.of(WORDS);
        Split.Datasets da = a.datasets(vocab, 3);
        Split.Datasets db = b.datasets(vocab, 3);
        assertEquals(da.train().x(), db.train().x());
        assertArrayEquals(da.train().y(), db.train().y());
        assertEquals(da.test().x(), db.test().x());
        assertArrayEquals(da.test().y(), db.test().y());
        assertNotEquals(a.train(), Split.of(WORDS, Split.NOTEBOOK_SEED + 1).train(), "the seed matters");
    }

    @Test
    void theSameSeedGivesTheSameInitialisationBitForBit() {
        for (long seed : new long[] {0, 1, 2147483647L, 1L << 40}) {
            for (NotebookInit recipe : NotebookInit.values()) {
                Params a = recipe.init(TorchGenerator.manualSeed(seed), 27, 4, 16, 3);
                Params b = recipe.init(TorchGenerator.manualSeed(seed), 27, 4, 16, 3);
                assertEquals(a, b, recipe + " at seed " + seed);
                assertNotEquals(a, recipe.init(TorchGenerator.manualSeed(seed + 1), 27, 4, 16, 3));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        Model m = Models.abc();
        for (long seed : new long[] {0, 7, 2147483657L}) {
            List<String> a = Sampler.sample(m, TorchGenerator.manualSeed(seed), 20);
            assertEquals(a, Sampler.sample(m, TorchGenerator.manualSeed(seed), 20));
            assertEquals(20, a.size());
        }
    }
}
