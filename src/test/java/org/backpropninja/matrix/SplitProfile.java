package org.backpropninja.matrix;

import java.util.Arrays;
import java.util.Locale;
import org.backpropninja.data.Dataset;
import org.backpropninja.data.Split;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Params;
import org.backpropninja.notebook.NotebookSetup;
import org.backpropninja.rng.TorchGenerator;
import org.backpropninja.train.Sgd;

/**
 * The training step with and without the row split, in alternating phases of one JVM: a phase of
 * steps on one thread, a phase split between two, and so on, each phase's median printed. On a
 * virtual machine whose speed drifts from minute to minute (neighbours on the host), two separate
 * runs cannot be compared fairly; adjacent phases of one run can. A measurement, not a test (its
 * name keeps it out of the suite); from the repository's top level, after {@code mvn test-compile}:
 *
 * <pre>
 *   java -cp target/classes:target/test-classes org.backpropninja.matrix.SplitProfile [rounds] [steps]
 * </pre>
 *
 * (default 6 rounds of 2000 steps per phase, after two rounds of warm-up).
 */
public final class SplitProfile {

    private SplitProfile() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        // the notebook's Exercise-4 data and initial parameters; any stream will do for the minibatches
        NotebookSetup setup = NotebookSetup.build(NotebookSetup.Config.exercise4());
        Split.Datasets data = setup.data();
        Params p = setup.params();
        TorchGenerator g = TorchGenerator.manualSeed(NotebookSetup.NOTEBOOK_TORCH_SEED);
        Mlp mlp = Mlp.of(p);
        double[][] medians = new double[2][rounds];
        boolean before = RowSplit.enabled;
        try {
            for (int r = -2; r < rounds; r++) {
                for (int split = 0; split < 2; split++) {
                    RowSplit.enabled = split == 1;
                    long[] t = new long[steps];
                    for (int i = 0; i < steps; i++) {
                        long t0 = System.nanoTime();
                        Dataset b = data.train().select(g.randint(0, data.train().size(), 32));
                        Mlp.Forward f = mlp.forward(p, b.x(), b.y());
                        p = Sgd.step(p, mlp.backward(f), 0.01);
                        t[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(t);
                    if (r >= 0) {
                        medians[split][r] = t[steps / 2] / 1e3;
                    }
                }
            }
        } finally {
            RowSplit.enabled = before;
        }
        for (int split = 0; split < 2; split++) {
            double[] m = medians[split].clone();
            Arrays.sort(m);
            StringBuilder sb = new StringBuilder(split == 1 ? "split over two threads:" : "one thread:           ");
            for (double v : m) {
                sb.append(String.format(Locale.ROOT, " %.1f", v));
            }
            System.out.println(sb.append(" us (phase medians, sorted)"));
        }
    }
}
