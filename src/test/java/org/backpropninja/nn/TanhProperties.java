package org.backpropninja.nn;

import static org.backpropninja.testing.Verdicts.assertRejected;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;

/** tanh's backward (1 - h^2) dh against finite differences, and a wrong derivative rejected. */
class TanhProperties {

    /** x (n, h) in [-3, 3] (into both tails), upstream G (n, h). */
    record Case(Matrix x, Matrix G) {
    }

    static Arbitrary<Case> cases(int maxN, int maxH) {
        return MatrixArbitraries.shapes(2, maxN, 1, maxH).flatMap(s -> Combinators.combine(
                MatrixArbitraries.matrix(s, -3, 3), MatrixArbitraries.upstream(new Shape(s.rows(), s.cols()))).as(Case::new));
    }

    @Provide
    Arbitrary<Case> batches() {
        return cases(16, 24);
    }

    /** Smaller batches for the rejection property, whose point is not size. */
    @Provide
    Arbitrary<Case> smallBatches() {
        return cases(8, 8);
    }

    static Report check(Case c, GradientChecker.Vjp vjp) {
        return GradientChecker.checkVjp("Tanh", in -> TanhLayer.forward(in.get(0)).h(), vjp, List.of(c.x()), c.G(),
                Tolerance.DEFAULT);
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") Case c) {
        check(c, (in, G) -> List.of(TanhLayer.backward(TanhLayer.forward(in.get(0)), G))).assertPassed();
    }

    /** The slip of writing 1 - h instead of 1 - h^2. */
    @Property(tries = 200)
    void oneMinusHInsteadOfOneMinusHSquaredIsRejected(@ForAll("smallBatches") Case c) {
        assertRejected(check(c, (in, G) -> List.of(TanhLayer.forward(in.get(0)).h().map(h -> 1 - h).mul(G))));
    }
}
