package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;
import org.junit.jupiter.api.Test;

/** The one training recipe: its stages are the notebook's steps, in the notebook's order. */
class RecipeTest {

    static final List<String> WORDS = List.of("emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia",
            "amelia", "harper", "evelyn", "abigail", "emily");

    @Test
    void theScheduleIsTheNotebooksStepDecayHalfWay() {
        assertEquals(new Sgd.Schedule(0.1, 100_000, 0.01), Recipe.schedule(200_000));
        assertEquals(new Sgd.Schedule(0.1, 1, 0.01), Recipe.schedule(3));
        Sgd.Schedule s = Recipe.schedule(10);
        assertEquals(Recipe.LR, s.at(4));
        assertEquals(Recipe.LR_AFTER, s.at(5));
    }

    @Test
    void theSamplingGeneratorIsSeededTenPastTheTrainingGenerator() {
        assertEquals(2147483657L, Recipe.EXERCISE_4.samplingSeed());
        assertEquals(17L, Recipe.EXERCISE_4.with(7, 2, 3, 4, 5).samplingSeed());
    }

    @Test
    void theCorpusIsTheVocabularyAndTheSeed42SplitOfTheNames() {
        Recipe.Corpus c = Recipe.EXERCISE_4.with(1, 2, 3, 4, 5).corpus(WORDS);
        Vocabulary vocab = Vocabulary.of(WORDS);
        Split split = Split.of(WORDS, Split.NOTEBOOK_SEED);
        assertEquals(vocab.tokens(), c.vocab().tokens());
        assertEquals(split, c.split());
        assertEquals(split.datasets(vocab, 4).sizes(), c.data().sizes());
        assertArrayEquals(split.datasets(vocab, 4).train().y(), c.data().train().y());
    }

    @Test
    void theStartDrawsTheInitialisationFromAFreshGeneratorThatThenDrawsTheMinibatches() {
        for (Recipe r : List.of(Recipe.EXERCISE_1.with(5, 3, 7, 2, 4), Recipe.EXERCISE_4.with(9, 4, 6, 3, 8))) {
            Recipe.Start start = r.start(11);
            TorchGenerator g = TorchGenerator.manualSeed(r.seed());
            Params expected = r.init().init(g, 11, r.embd(), r.hidden(), r.block());
            assertEquals(expected, start.params());
            assertArrayEquals(g.randint(0, 1000, 16), start.g().randint(0, 1000, 16));
        }
    }

    @Test
    void theNotebookSetupIsTheRecipesStartAndFirstMinibatch() {
        NotebookSetup s = NotebookSetup.build(NotebookSetup.Config.notebook(), WORDS);
        Recipe.Start start = Recipe.EXERCISE_1.start(s.vocab().size());
        assertEquals(start.params(), s.params());
        int[] ix = start.g().randint(0, s.data().train().size(), Recipe.EXERCISE_1.batch());
        assertArrayEquals(s.data().train().select(ix).y(), s.batch().y());
        assertEquals(Recipe.EXERCISE_1, NotebookSetup.Config.notebook().recipe());
        assertEquals(Recipe.EXERCISE_4, NotebookSetup.Config.exercise4().recipe());
    }
}
