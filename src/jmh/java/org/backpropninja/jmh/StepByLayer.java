package org.backpropninja.jmh;

import java.util.concurrent.TimeUnit;
import org.backpropninja.data.Dataset;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Embedding;
import org.backpropninja.nn.Linear;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.backpropninja.nn.TanhLayer;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The training step by part, in the step's order: the minibatch draw, each layer's forward and
 * backward, and the SGD update, each on the step's shapes and values ({@link NotebookStep}),
 * with the row split as configured. Each part runs alone in a loop, so its inputs stay in the
 * caches; inside the step they do not always, and the whole step ({@link WholeStep}) costs
 * somewhat more than the sum of these parts. {@link StepByLayerOneThread} runs the same parts with
 * the split off. docs/speed.md, "The step's profile".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StepByLayer {

    /** The generator the minibatch draw advances, its own per benchmark thread. */
    @State(Scope.Thread)
    public static class Draws {
        TorchGenerator generator;

        @Setup
        public void seed() {
            generator = TorchGenerator.manualSeed(2147483647L);
        }
    }

    @Benchmark
    public Dataset minibatchDraw(NotebookStep s, Draws d) {
        Dataset train = s.setup.data().train();
        return train.select(d.generator.randint(0, train.size(), s.batch.size()));
    }

    @Benchmark
    public Embedding.Forward embeddingForward(NotebookStep s) {           // C[Xb] viewed as (32, 30)
        return Embedding.forward(s.params.C(), s.batch.x());
    }

    @Benchmark
    public Linear.Forward linear1Forward(NotebookStep s) {                // (32, 30) @ (30, 200) + b1
        return Linear.forward(s.forward.emb().embcat(), s.params.W1(), s.params.b1());
    }

    @Benchmark
    public BatchNorm.Forward batchNormForward(NotebookStep s) {           // (32, 200)
        return BatchNorm.forward(s.forward.layer1().out(), s.params.bngain(), s.params.bnbias());
    }

    @Benchmark
    public TanhLayer.Forward tanhForward(NotebookStep s) {                     // (32, 200)
        return TanhLayer.forward(s.forward.bn().out());
    }

    @Benchmark
    public Linear.Forward linear2Forward(NotebookStep s) {                // (32, 200) @ (200, 27) + b2
        return Linear.forward(s.forward.act().h(), s.params.W2(), s.params.b2());
    }

    @Benchmark
    public CrossEntropy.Forward crossEntropyForward(NotebookStep s) {     // (32, 27) and Yb
        return CrossEntropy.forward(s.forward.layer2().out(), s.batch.y());
    }

    @Benchmark
    public Matrix crossEntropyBackward(NotebookStep s) {                  // dlogits (32, 27)
        return CrossEntropy.backward(s.forward.ce());
    }

    @Benchmark
    public Linear.Grads linear2Backward(NotebookStep s) {                 // dh, dW2, db2
        return Linear.backward(s.forward.layer2(), s.dlogits);
    }

    @Benchmark
    public Matrix tanhBackward(NotebookStep s) {                          // dhpreact (32, 200)
        return TanhLayer.backward(s.forward.act(), s.dh);
    }

    @Benchmark
    public BatchNorm.Grads batchNormBackward(NotebookStep s) {            // dhprebn, dbngain, dbnbias
        return BatchNorm.backward(s.forward.bn(), s.dhpreact);
    }

    @Benchmark
    public Linear.Grads linear1Backward(NotebookStep s) {                 // dembcat, dW1, db1
        return Linear.backward(s.forward.layer1(), s.dhprebn);
    }

    @Benchmark
    public Matrix embeddingBackward(NotebookStep s) {                     // dC (27, 10), a scatter-add
        return Embedding.backward(s.forward.emb(), s.dembcat);
    }

    @Benchmark
    public Params sgdUpdate(NotebookStep s) {                             // the seven parameters
        return Sgd.step(s.params, s.grads, 0.1);
    }

    /** The forward of all six layers at once, as the step runs it. */
    @Benchmark
    public Mlp.Forward forward(NotebookStep s) {
        return s.mlp.forward(s.params, s.batch.x(), s.batch.y());
    }

    /** The backward of all six layers at once, as the step runs it. */
    @Benchmark
    public Params backward(NotebookStep s) {
        return s.mlp.backward(s.forward);
    }
}
