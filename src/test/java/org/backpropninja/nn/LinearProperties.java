package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;

/** The affine layer's backward against finite differences, and the missing-transpose bug. */
class LinearProperties {

    /** x (n, k), W (k, m), b (1, m), upstream G (n, m). */
    record Case(Matrix x, Matrix W, Matrix b, Matrix G) {
        List<Matrix> inputs() {
            return List.of(x, W, b);
        }
    }

    static Arbitrary<Case> cases(int n, int k, int m) {
        return Combinators.combine(NnArbitraries.matrix(n, k), NnArbitraries.matrix(k, m),
                NnArbitraries.matrix(1, m), NnArbitraries.upstream(n, m)).as(Case::new);
    }

    /** k up to 32 = block*embd at the largest sizes; m up to 30. */
    @Provide
    Arbitrary<Case> batches() {
        return Combinators.combine(Arbitraries.integers().between(2, 16), Arbitraries.integers().between(1, 32),
                Arbitraries.integers().between(1, 30)).as((n, k, m) -> List.of(n, k, m))
                .flatMap(d -> cases(d.get(0), d.get(1), d.get(2)));
    }

    /** Square W (k = m in [2, 8], n <= 8: rejection needs no large sizes), so the transposed and untransposed products have the same shape. */
    @Provide
    Arbitrary<Case> squareBatches() {
        return Combinators.combine(Arbitraries.integers().between(2, 8), Arbitraries.integers().between(2, 8))
                .as((n, k) -> List.of(n, k))
                .flatMap(d -> cases(d.get(0), d.get(1), d.get(1)));
    }

    static Report check(Case c, GradientChecker.Vjp vjp) {
        return GradientChecker.checkVjp("Linear", in -> Linear.forward(in.get(0), in.get(1), in.get(2)).out(), vjp,
                c.inputs(), c.G(), Tolerance.DEFAULT);
    }

    static List<Matrix> fused(List<Matrix> in, Matrix G) {
        Linear.Grads g = Linear.backward(Linear.forward(in.get(0), in.get(1), in.get(2)), G);
        return List.of(g.dx(), g.dW(), g.db());
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") Case c) {
        check(c, LinearProperties::fused).assertPassed();
    }

    /** The classic slip: dx = dout @ W instead of dout @ W^T (only shape-correct for square W). */
    static List<Matrix> missingTranspose(List<Matrix> in, Matrix G) {
        List<Matrix> right = fused(in, G);
        return List.of(G.matmul(in.get(1)), right.get(1), right.get(2));
    }

    @Property(tries = 200)
    void aMissingTransposeInDxIsRejected(@ForAll("squareBatches") Case c) {
        assertTrue(check(c, LinearProperties::missingTranspose).failed());
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
