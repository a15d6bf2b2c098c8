package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.judge.Domain;
import org.backpropninja.judge.Inputs;
import org.backpropninja.judge.LayerCase;
import org.backpropninja.judge.LayerSpec;
import org.backpropninja.matrix.Matrix;

/** The affine layer's backward judged over generated cases (the public judge), and the missing-transpose bug. */
class LinearProperties {

    /** x (n, k), W (k, m), b (1, m), all in [-1, 1]; k up to 32 = block*embd at the largest sizes, m up to 30. */
    static final LayerSpec LINEAR = LayerSpec.named("Linear").dim("n", 2, 16).dim("k", 1, 32).dim("m", 1, 30)
            .input("x", "n", "k", Domain.between(-1, 1))
            .input("W", "k", "m", Domain.between(-1, 1))
            .input("b", "1", "m", Domain.between(-1, 1))
            .forward(in -> forward(in).out())
            .backward((in, dout) -> grads(in, dout));

    static Linear.Forward forward(Inputs in) {
        return Linear.forward(in.get("x"), in.get("W"), in.get("b"));
    }

    static Map<String, Matrix> grads(Inputs in, Matrix dout) {
        Linear.Grads g = Linear.backward(forward(in), dout);
        return Map.of("x", g.dx(), "W", g.dW(), "b", g.db());
    }

    /**
     * The classic slip: dx = dout @ W instead of dout @ W^T, only shape-correct for square W (k = m in
     * [2, 8], n <= 8: rejection needs no large sizes).
     */
    static final LayerSpec MISSING_TRANSPOSE = LayerSpec.named("Linear, dx = dout @ W").dim("n", 2, 8).dim("k", 2, 8)
            .input("x", "n", "k", Domain.between(-1, 1))
            .input("W", "k", "k", Domain.between(-1, 1))
            .input("b", "1", "k", Domain.between(-1, 1))
            .forward(in -> forward(in).out())
            .backward((in, dout) -> Map.of("x", dout.matmul(in.get("W")), "W", grads(in, dout).get("W"),
                    "b", grads(in, dout).get("b")));

    @Provide
    Arbitrary<LayerCase> batches() {
        return LINEAR.cases();
    }

    @Provide
    Arbitrary<LayerCase> squareBatches() {
        return MISSING_TRANSPOSE.cases();
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") LayerCase c) {
        c.check();
    }

    @Property(tries = 200)
    void aMissingTransposeInDxIsRejected(@ForAll("squareBatches") LayerCase c) {
        c.assertRejected();
    }

    @Example
    void mismatchedShapesAreRejectedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linear.forward(Matrix.ones(2, 3), Matrix.ones(4, 5), Matrix.ones(1, 5)));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 5)"), e.getMessage());
        IllegalArgumentException eb = assertThrows(IllegalArgumentException.class,
                () -> Linear.forward(Matrix.ones(2, 3), Matrix.ones(3, 5), Matrix.ones(2, 5)));
        assertTrue(eb.getMessage().contains("b (2, 5)"), eb.getMessage());
    }
}
