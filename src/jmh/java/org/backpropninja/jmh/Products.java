package org.backpropninja.jmh;

import java.util.concurrent.TimeUnit;
import org.backpropninja.matrix.Matrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The six matrix products of the training step, on its shapes and values ({@link NotebookStep}),
 * through {@link Matrix}'s product verbs, with the row split as configured: the two forward
 * products (the linear layers' {@code x @ W}, without the bias) and, for each layer, the backward's
 * {@code dx = dout @ W^T} and {@code dW = x^T @ dout}. {@link ProductsOneThread} runs them with the
 * split off. docs/speed.md, "Products".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Products {

    @Benchmark
    public Matrix layer1Forward(NotebookStep s) {          // embcat @ W1: (32, 30) @ (30, 200)
        return s.forward.emb().embcat().matmul(s.params.W1());
    }

    @Benchmark
    public Matrix layer2Forward(NotebookStep s) {          // h @ W2: (32, 200) @ (200, 27)
        return s.forward.act().h().matmul(s.params.W2());
    }

    @Benchmark
    public Matrix layer2Dx(NotebookStep s) {               // dh = dlogits @ W2^T: (32, 27) @ (200, 27)^T
        return s.dlogits.matmulTranspose(s.params.W2());
    }

    @Benchmark
    public Matrix layer2DW(NotebookStep s) {               // dW2 = h^T @ dlogits: (32, 200)^T @ (32, 27)
        return s.forward.act().h().transposeMatmul(s.dlogits);
    }

    @Benchmark
    public Matrix layer1Dx(NotebookStep s) {               // dembcat = dhprebn @ W1^T: (32, 200) @ (30, 200)^T
        return s.dhprebn.matmulTranspose(s.params.W1());
    }

    @Benchmark
    public Matrix layer1DW(NotebookStep s) {               // dW1 = embcat^T @ dhprebn: (32, 30)^T @ (32, 200)
        return s.forward.emb().embcat().transposeMatmul(s.dhprebn);
    }
}
