package org.backpropninja;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Fused;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.nn.Embedding;
import org.backpropninja.nn.Linear;
import org.backpropninja.nn.Tanh;

/**
 * The profile table of the README's "Speed" section: every layer of the training step, forward and
 * backward, on the step's own shapes (batch 32, embd 10, block 3, hidden 200, vocab 27), with its
 * time on the calling thread and the bytes it allocates. A measurement, not a test (its name keeps
 * it out of the suite); run it after {@code mvn test-compile} with
 *
 * <pre>
 *   java -Dbackpropninja.split=false -cp target/classes:target/test-classes org.backpropninja.StepProfile
 * </pre>
 *
 * Each time is the best of 400 rounds of 10 calls, so that a machine shared with other work still
 * gives the uncontended figure; the whole step costs somewhat more than the sum (its working set
 * does not stay in the caches between layers). Allocation is counted by the JVM per thread.
 */
public final class StepProfile {

    private static final SplittableRandom RANDOM = new SplittableRandom(7);
    private static Object sink;

    private StepProfile() {
    }

    private static Matrix normal(int rows, int cols, double scale) {
        return Matrix.generate(rows, cols, (i, j) -> {
            double u = RANDOM.nextDouble(1e-12, 1.0);
            return scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * RANDOM.nextDouble());
        });
    }

    private static double bestMicros(Supplier<Object> f) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 400; round++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < 10; q++) {
                sink = f.get();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 10.0);
        }
        return best / 1e3;
    }

    private static double kilobytes(Supplier<Object> f) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int q = 0; q < 100; q++) {
            sink = f.get();
        }
        return (bean.getThreadAllocatedBytes(id) - before) / 100.0 / 1024;
    }

    public static void main(String[] args) {
        int n = 32;
        int[] xs = new int[n * 3];
        int[] ys = new int[n];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = RANDOM.nextInt(27);
        }
        for (int i = 0; i < n; i++) {
            ys[i] = RANDOM.nextInt(27);
        }
        IntMatrix xb = IntMatrix.of(n, 3, xs);
        Matrix c = normal(27, 10, 1);
        Matrix w1 = normal(30, 200, 0.3);
        Matrix b1 = normal(1, 200, 0.1);
        Matrix w2 = normal(200, 27, 0.1);
        Matrix b2 = normal(1, 27, 0.1);
        Matrix gain = normal(1, 200, 0.1).plus(1);
        Matrix bias = normal(1, 200, 0.1);
        Embedding.Forward emb = Embedding.forward(c, xb);
        Linear.Forward l1 = Linear.forward(emb.embcat(), w1, b1);
        BatchNorm.Forward bn = BatchNorm.forward(l1.out(), gain, bias);
        Tanh.Forward act = Tanh.forward(bn.out());
        Linear.Forward l2 = Linear.forward(act.h(), w2, b2);
        CrossEntropy.Forward ce = CrossEntropy.forward(l2.out(), ys);
        Matrix dlogits = CrossEntropy.backward(ce);
        Matrix dh = Linear.backward(l2, dlogits).dx();
        Matrix dhpreact = Tanh.backward(act, dh);
        Matrix dhprebn = BatchNorm.backward(bn, dhpreact).dx();
        Matrix dembcat = Linear.backward(l1, dhprebn).dx();
        Matrix dC = Embedding.backward(emb, dembcat);

        Map<String, Supplier<Object>> layers = new LinkedHashMap<>();
        layers.put("Embedding forward (gather, view)", () -> Embedding.forward(c, xb));
        layers.put("Linear 1 forward, affine (32, 30) @ (30, 200)", () -> Linear.forward(emb.embcat(), w1, b1));
        layers.put("BatchNorm forward (32, 200)", () -> BatchNorm.forward(l1.out(), gain, bias));
        layers.put("Tanh forward (32, 200)", () -> Tanh.forward(bn.out()));
        layers.put("Linear 2 forward, affine (32, 200) @ (200, 27)", () -> Linear.forward(act.h(), w2, b2));
        layers.put("CrossEntropy forward (32, 27)", () -> CrossEntropy.forward(l2.out(), ys));
        layers.put("CrossEntropy backward", () -> CrossEntropy.backward(ce));
        layers.put("Linear 2 backward: dh = dlogits @ W2^T", () -> dlogits.matmulTranspose(w2));
        layers.put("Linear 2 backward: dW2 = h^T @ dlogits", () -> act.h().transposeMatmul(dlogits));
        layers.put("Tanh backward", () -> Tanh.backward(act, dh));
        layers.put("BatchNorm backward", () -> BatchNorm.backward(bn, dhpreact));
        layers.put("Linear 1 backward: dembcat = dhprebn @ W1^T", () -> dhprebn.matmulTranspose(w1));
        layers.put("Linear 1 backward: dW1 = embcat^T @ dhprebn", () -> emb.embcat().transposeMatmul(dhprebn));
        layers.put("Linear backward: db1, db2 (column sums)", () -> new Object[] {dhprebn.sum(0), dlogits.sum(0)});
        layers.put("Embedding backward (scatter-add)", () -> Embedding.backward(emb, dembcat));
        layers.put("SGD update of the 7 parameters", () -> new Object[] {Fused.addScaled(c, dC, -0.1),
                Fused.addScaled(w1, w1, -0.1), Fused.addScaled(b1, b1, -0.1), Fused.addScaled(w2, w2, -0.1),
                Fused.addScaled(b2, b2, -0.1), Fused.addScaled(gain, gain, -0.1), Fused.addScaled(bias, bias, -0.1)});

        for (Supplier<Object> f : layers.values()) {            // warm-up: let the JIT compile everything
            bestMicros(f);
        }
        double totalUs = 0;
        double totalKb = 0;
        System.out.println("| part of the step | us (best of 400) | KB allocated |");
        System.out.println("| --- | --- | --- |");
        for (Map.Entry<String, Supplier<Object>> e : layers.entrySet()) {
            double us = bestMicros(e.getValue());
            double kb = kilobytes(e.getValue());
            totalUs += us;
            totalKb += kb;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f |%n", e.getKey(), us, kb);
        }
        System.out.printf(Locale.ROOT, "| sum | %.1f | %.0f |%n", totalUs, totalKb);
        System.out.println(MachineInfo.describe());
    }
}
