package org.backpropninja.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.backpropninja.data.Dataset;
import org.backpropninja.data.Vocabulary;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Mlp;
import org.backpropninja.notebook.NotebookInit;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The training step: {@link Sgd#step} is {@code p - lr * grad} element by element and changes
 * nothing it is given; {@link Trainer#train} is exactly the notebook's loop (draw, forward, backward,
 * update) replayed by hand, is a pure function of its seed, and stops at the first non-finite loss
 * naming the step.
 */
class TrainingStepProperties {

    static final List<String> WORDS = List.of("emma", "olivia", "ava", "isabella", "sophia", "mia", "zoe", "liam");
    static final Vocabulary VOCAB = Vocabulary.of(WORDS);
    static final Dataset DATA = Dataset.build(WORDS, VOCAB, 3);

    static Params init(long seed) {
        return NotebookInit.EXERCISE_4.init(TorchGenerator.manualSeed(seed), VOCAB.size(), 3, 6, 3);
    }

    @Provide
    Arbitrary<List<Params>> paramsAndGrads() {
        Params shapes = init(1);
        List<Arbitrary<Matrix>> parts = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            for (Matrix m : shapes.asList()) {
                parts.add(MatrixArbitraries.matrix(m.shape(), -2, 2));
            }
        }
        return Combinators.combine(parts).as(l -> List.of(Params.of(l.subList(0, 7)), Params.of(l.subList(7, 14))));
    }

    @Property(tries = 100)
    void sgdStepIsPMinusLrTimesGradElementByElementAndChangesNeitherInput(
            @ForAll("paramsAndGrads") List<Params> pg, @ForAll("rates") double lr) {
        Params p = pg.get(0);
        Params g = pg.get(1);
        Params pBefore = Params.of(p.asList().stream().map(m -> Matrix.from(m.toArray2D())).toList());
        Params gBefore = Params.of(g.asList().stream().map(m -> Matrix.from(m.toArray2D())).toList());
        Params next = Sgd.step(p, g, lr);
        for (int k = 0; k < 7; k++) {
            Matrix pk = p.asList().get(k);
            Matrix gk = g.asList().get(k);
            Matrix nk = next.asList().get(k);
            assertEquals(pk.shape(), nk.shape());
            for (int i = 0; i < pk.rows(); i++) {
                for (int j = 0; j < pk.cols(); j++) {
                    assertEquals(pk.get(i, j) - lr * gk.get(i, j), nk.get(i, j), 0.0, Params.NAMES.get(k));
                }
            }
        }
        assertEquals(pBefore, p);
        assertEquals(gBefore, g);
    }

    @Provide
    Arbitrary<Double> rates() {
        return Arbitraries.doubles().between(1e-4, 2).ofScale(6);
    }

    @Example
    void sgdRejectsAGradientOfTheWrongShapeNamingBoth() {
        Params p = init(1);
        List<Matrix> g = new ArrayList<>(p.asList());
        g.set(3, Matrix.zeros(p.W2().rows(), p.W2().cols() + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sgd.step(p, Params.of(g), 0.1));
        assertTrue(e.getMessage().contains(p.W2().shape().toString())
                && e.getMessage().contains(new Shape(p.W2().rows(), p.W2().cols() + 1).toString()), e.getMessage());
    }

    @Property(tries = 50)
    void theScheduleSwitchesRatesExactlyAtTheDecayStep(@ForAll @LongRange(min = 0, max = 1000) long decay,
                                                       @ForAll @LongRange(min = 0, max = 2000) long step) {
        Sgd.Schedule s = new Sgd.Schedule(0.1, decay, 0.01);
        assertEquals(step < decay ? 0.1 : 0.01, s.at(step));
    }

    /**
     * The loop replayed by hand from the same seed: the same minibatch draws, the same forward and
     * backward, the same update, so the same bits for every step's loss and the final parameters.
     */
    @Property(tries = 10)
    void trainingIsTheNotebooksLoopReplayedByHand(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
                                                  @ForAll @IntRange(min = 2, max = 8) int batch,
                                                  @ForAll @IntRange(min = 1, max = 12) int steps) {
        Params init = init(seed);
        Params initBefore = init(seed);
        Sgd.Schedule schedule = new Sgd.Schedule(0.1, steps / 2, 0.01);
        List<Double> heard = new ArrayList<>();
        List<Long> heardSteps = new ArrayList<>();
        Trainer.Result r = Trainer.train(init, DATA, batch, steps, schedule, TorchGenerator.manualSeed(seed + 1),
                (i, loss) -> {
                    heardSteps.add(i);
                    heard.add(loss);
                });
        assertEquals(initBefore, init, "the initial parameters are not changed");

        TorchGenerator g = TorchGenerator.manualSeed(seed + 1);
        Mlp mlp = Mlp.of(init);
        Params p = init;
        double[] log10 = new double[steps];
        for (int i = 0; i < steps; i++) {
            Dataset b = DATA.select(g.randint(0, DATA.size(), batch));
            Mlp.Forward f = mlp.forward(p, b.x(), b.y());
            assertEquals(f.loss(), heard.get(i), 0.0, "step " + i);
            assertEquals(i, heardSteps.get(i));
            log10[i] = Math.log10(f.loss());
            p = Sgd.step(p, mlp.backward(f), schedule.at(i));
        }
        assertEquals(steps, heard.size());
        assertArrayEquals(log10, r.log10Loss());
        assertEquals(p, r.params());

        Trainer.Result again = Trainer.train(init, DATA, batch, steps, schedule, TorchGenerator.manualSeed(seed + 1),
                (i, loss) -> { });
        assertEquals(r.params(), again.params());
        assertArrayEquals(r.log10Loss(), again.log10Loss());
    }

    /**
     * The library's own loop reuses its steps' rows ({@code matrix.RowReuse}); a learner's backward
     * runs on fresh rows. On the notebook's widths, where the kernels split between two threads and
     * the helper draws rows for the caller, the two give the same bits for 300 steps.
     */
    @Example
    void reusedRowsGiveTheBitsOfFreshRowsOnTheNotebooksWidths() {
        Params init = NotebookInit.EXERCISE_4.init(TorchGenerator.manualSeed(7), VOCAB.size(), 10, 200, 3);
        Mlp mlp = Mlp.of(init);
        Sgd.Schedule schedule = new Sgd.Schedule(0.1, 150, 0.01);
        Trainer.Result reused = Trainer.train(init, DATA, 32, 300, schedule, TorchGenerator.manualSeed(8),
                (i, loss) -> { });
        Trainer.Result fresh = Trainer.train(init, DATA, 32, 300, schedule, TorchGenerator.manualSeed(8),
                (i, loss) -> { }, (p, f, b) -> mlp.backward(f));
        assertArrayEquals(fresh.log10Loss(), reused.log10Loss());
        assertEquals(fresh.params(), reused.params());
        // and the parameters returned stay as they are while other runs reuse rows
        Params copy = Params.of(reused.params().asList().stream().map(m -> Matrix.from(m.toArray2D())).toList());
        Trainer.train(init, DATA, 32, 20, schedule, TorchGenerator.manualSeed(9), (i, loss) -> { });
        assertEquals(copy, reused.params());
    }

    @Example
    void aDivergingRunStopsAtTheFirstLossAboveTheGuardsLimitNamingTheStepTheLossAndTheRate() {
        List<Double> seen = new ArrayList<>();
        DivergedException e = assertThrows(DivergedException.class, () -> Trainer.train(init(3), DATA, 4, 50,
                new Sgd.Schedule(1e300, 25, 1e-3), TorchGenerator.manualSeed(4), (i, loss) -> seen.add(loss)));
        long step = seen.size();
        assertTrue(step >= 1, "the first loss, at the initialisation, is finite");
        double limit = DivergenceGuard.FACTOR * Math.max(Math.log(VOCAB.size()), seen.get(0));
        assertTrue(seen.stream().allMatch(l -> l <= limit), "every step heard was within the limit: " + seen);
        assertEquals(step, e.step());
        assertTrue(!Double.isFinite(e.loss()) || e.loss() > limit, e.loss() + " against " + limit);
        assertTrue(e.getMessage().startsWith("the loss became " + e.loss() + " at step " + step
                + " (learning rate 1.0E300)"), e.getMessage());
    }

    /**
     * The loss of step 1 is measured on what step 0's update made: with a huge rate for step 0 only
     * (the decay at step 1), the run blows up at step 1 and the message names step 0's rate, the
     * one to lower, not the small rate in force from step 1 on.
     */
    @Example
    void theRateNamedIsTheRateOfTheUpdateThatBlewTheLossUp() {
        DivergedException e = assertThrows(DivergedException.class, () -> Trainer.train(init(3), DATA, 4, 2,
                new Sgd.Schedule(1e300, 1, 1e-3), TorchGenerator.manualSeed(4), (i, loss) -> { }));
        assertEquals(1, e.step());
        assertEquals(1e300, e.learningRate(), 0.0);
        assertTrue(e.getMessage().contains("(learning rate 1.0E300)"), e.getMessage());
    }

    @Example
    void stepCountsOutsideTheRangeAreArgumentErrors() {
        Params p = init(5);
        Sgd.Schedule s = new Sgd.Schedule(0.1, 1, 0.01);
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(p, DATA, 4, 0, s, TorchGenerator.manualSeed(1),
                (i, l) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(p, DATA, 4, Integer.MAX_VALUE - 7L, s,
                TorchGenerator.manualSeed(1), (i, l) -> { }));
        Trainer.Result one = Trainer.train(p, DATA, 4, 1, s, TorchGenerator.manualSeed(1), (i, l) -> { });
        assertEquals(1, one.log10Loss().length);
    }
}
