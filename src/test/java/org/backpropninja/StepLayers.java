package org.backpropninja;

import java.util.Arrays;
import java.util.Locale;
import org.backpropninja.data.Dataset;
import org.backpropninja.data.Split;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Embedding;
import org.backpropninja.nn.Linear;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.backpropninja.nn.Tanh;
import org.backpropninja.notebook.NotebookSetup;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;

/**
 * Where the time of the real training step goes, with the row split as configured (two threads by
 * default, one with {@code -Dbackpropninja.split=false}): the step of {@link Mlp#forward},
 * {@link Mlp#backward} and {@link Sgd#step} written out layer by layer, with a clock read between
 * the layers, and the median of each part over the measured steps. Unlike {@link StepProfile},
 * which times each layer alone in a loop, the parts here run in the step's order on the step's
 * data, so they pay for what the step pays: inputs that another layer (or the other core) has just
 * written, and the hand-offs of the split. A measurement, not a test (its name keeps it out of the
 * suite); from the repository's top level, after {@code mvn test-compile}:
 *
 * <pre>
 *   java -cp target/classes:target/test-classes org.backpropninja.StepLayers [warm-up steps] [steps]
 * </pre>
 *
 * (default 20,000 and 30,000). The clock reads add about a tenth of a microsecond per part.
 */
public final class StepLayers {

    private static final String[] PARTS = {
        "minibatch draw", "Embedding forward", "Linear 1 forward", "BatchNorm forward", "Tanh forward",
        "Linear 2 forward", "CrossEntropy forward", "CrossEntropy backward",
        "Linear 2 backward (dh and dW2 side by side, db2)", "Tanh backward", "BatchNorm backward",
        "Linear 1 backward (dembcat and dW1 side by side, db1)", "Embedding backward", "SGD update"};

    private StepLayers() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
        // the notebook's Exercise-4 data and initial parameters; any stream will do for the minibatches
        NotebookSetup setup = NotebookSetup.build(NotebookSetup.Config.exercise4());
        Split.Datasets data = setup.data();
        Params p = setup.params();
        TorchGenerator g = TorchGenerator.manualSeed(NotebookSetup.NOTEBOOK_TORCH_SEED);
        long[][] t = new long[PARTS.length][steps];
        long[] clock = new long[PARTS.length + 1];
        for (int i = -warmup; i < steps; i++) {
            clock[0] = System.nanoTime();
            Dataset b = data.train().select(g.randint(0, data.train().size(), 32));
            clock[1] = System.nanoTime();
            Embedding.Forward emb = Embedding.forward(p.C(), b.x());
            clock[2] = System.nanoTime();
            Linear.Forward l1 = Linear.forward(emb.embcat(), p.W1(), p.b1());
            clock[3] = System.nanoTime();
            BatchNorm.Forward bn = BatchNorm.forward(l1.out(), p.bngain(), p.bnbias());
            clock[4] = System.nanoTime();
            Tanh.Forward act = Tanh.forward(bn.out());
            clock[5] = System.nanoTime();
            Linear.Forward l2 = Linear.forward(act.h(), p.W2(), p.b2());
            clock[6] = System.nanoTime();
            CrossEntropy.Forward ce = CrossEntropy.forward(l2.out(), b.y());
            clock[7] = System.nanoTime();
            Matrix dlogits = CrossEntropy.backward(ce);
            clock[8] = System.nanoTime();
            Linear.Grads g2 = Linear.backward(l2, dlogits);
            clock[9] = System.nanoTime();
            Matrix dhpreact = Tanh.backward(act, g2.dx());
            clock[10] = System.nanoTime();
            BatchNorm.Grads gbn = BatchNorm.backward(bn, dhpreact);
            clock[11] = System.nanoTime();
            Linear.Grads g1 = Linear.backward(l1, gbn.dx());
            clock[12] = System.nanoTime();
            Matrix dC = Embedding.backward(emb, g1.dx());
            clock[13] = System.nanoTime();
            p = Sgd.step(p, new Params(dC, g1.dW(), g1.db(), g2.dW(), g2.db(), gbn.dbngain(), gbn.dbnbias()), 0.01);
            clock[14] = System.nanoTime();
            if (i >= 0) {
                for (int k = 0; k < PARTS.length; k++) {
                    t[k][i] = clock[k + 1] - clock[k];
                }
            }
        }
        System.out.println("| part of the step, in order | us, median |");
        System.out.println("| --- | --- |");
        double sum = 0;
        for (int k = 0; k < PARTS.length; k++) {
            long[] s = t[k].clone();
            Arrays.sort(s);
            double median = s[steps / 2] / 1e3;
            sum += median;
            System.out.println(String.format(Locale.ROOT, "| %s | %.1f |", PARTS[k], median));
        }
        System.out.println(String.format(Locale.ROOT, "| sum of the medians | %.1f |", sum));
        System.out.println(MachineInfo.describe());
    }
}
