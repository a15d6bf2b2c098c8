package org.backpropninja.jmh;

import java.util.concurrent.TimeUnit;
import org.backpropninja.data.Dataset;
import org.backpropninja.nn.Params;
import org.backpropninja.notebook.NotebookSetup;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;
import org.backpropninja.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole training step -- minibatch draw, forward, backward, SGD update -- through the code the
 * {@code train} command runs: each call is {@link Trainer#train} for {@value #STEPS} steps, carrying
 * on from the parameters and the generator the previous call left, and the time is per step. A call
 * of many steps, because the loop reuses its steps' rows from the third step of a run on
 * ({@code matrix.RowReuse}): a one-step run would time fresh rows only. Two forks: the row split as the JVM decides
 * it (two threads on a machine with two processors), and the step on one thread
 * ({@code -Dbackpropninja.split=false}, which the product reads once at start, so it needs a JVM of
 * its own). docs/speed.md, "How to measure" and "The row split".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class WholeStep {

    /** Steps per call. */
    static final int STEPS = 100;
    /** The notebook's first learning rate; each call is a run of its own. */
    private static final Sgd.Schedule SCHEDULE = new Sgd.Schedule(0.1, STEPS, 0.01);
    private static final Trainer.Listener NO_LISTENER = (step, loss) -> { };

    private NotebookSetup setup;
    private Dataset train;
    private Params params;
    private TorchGenerator generator;

    @Setup(Level.Trial)
    public void readData() {
        setup = NotebookSetup.build(NotebookSetup.Config.exercise4());
        train = setup.data().train();
    }

    /**
     * Every iteration trains from the notebook's initial parameters and seed again, so every
     * iteration times the same stretch of training (the loss falling from its first values).
     */
    @Setup(Level.Iteration)
    public void restart() {
        params = setup.params();
        generator = TorchGenerator.manualSeed(setup.config().seed());
    }

    private Params steps() {
        params = Trainer.train(params, train, setup.config().batch(), STEPS, SCHEDULE, generator, NO_LISTENER)
                .params();
        return params;
    }

    /** The step with the row split as configured by default. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Params step() {
        return steps();
    }

    /** The step on one thread: the split switched off for this fork's whole JVM. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    @Fork(value = 2, jvmArgsAppend = "-Dbackpropninja.split=false")
    public Params stepOneThread() {
        return steps();
    }
}
