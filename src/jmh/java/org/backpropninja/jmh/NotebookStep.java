package org.backpropninja.jmh;

import org.backpropninja.data.Dataset;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Linear;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.backpropninja.nn.TanhLayer;
import org.backpropninja.notebook.NotebookSetup;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step's inputs, made once per fork: the notebook's Exercise-4 setup (embd 10, hidden
 * 200, block 3, batch 32, vocabulary 27), its first minibatch, that minibatch's forward through
 * {@link Mlp} and the seven gradients of its backward. The layer and product benchmarks time one
 * piece of this step again and again on these values, so every piece sees the step's own shapes and
 * numbers.
 */
@State(Scope.Benchmark)
public class NotebookStep {

    /** The setup: data, vocabulary, initial parameters and first minibatch. */
    public NotebookSetup setup;
    /** The network the parameters imply. */
    public Mlp mlp;
    /** The initial parameters. */
    public Params params;
    /** The first minibatch: Xb (32, 3), Yb (32). */
    public Dataset batch;
    /** The minibatch's forward: every layer's record. */
    public Mlp.Forward forward;
    /** The upstream gradients of the step's backward, in its order. */
    public Matrix dlogits;
    public Matrix dh;
    public Matrix dhpreact;
    public Matrix dhprebn;
    public Matrix dembcat;
    /** The seven gradients of the step. */
    public Params grads;

    @Setup
    public void build() {
        setup = NotebookSetup.build(NotebookSetup.Config.exercise4());
        params = setup.params();
        batch = setup.batch();
        mlp = Mlp.of(params);
        forward = mlp.forward(params, batch.x(), batch.y());
        grads = mlp.backward(forward);
        // the same chain as Mlp.backward, kept by part so that each layer's backward gets its own upstream
        dlogits = CrossEntropy.backward(forward.ce());                 // (32, 27)
        dh = Linear.backward(forward.layer2(), dlogits).dx();          // (32, 200)
        dhpreact = TanhLayer.backward(forward.act(), dh);                   // (32, 200)
        dhprebn = BatchNorm.backward(forward.bn(), dhpreact).dx();     // (32, 200)
        dembcat = Linear.backward(forward.layer1(), dhprebn).dx();     // (32, 30)
    }
}
