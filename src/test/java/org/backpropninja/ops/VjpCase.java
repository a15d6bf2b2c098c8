package org.backpropninja.ops;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;

/** The inputs of one step and a random upstream gradient G of its output's shape. */
record VjpCase(List<Matrix> inputs, Matrix G) {

    Matrix x() {
        return inputs.get(0);
    }

    /** Inputs from {@code inputs}, then a random upstream G in the shape {@code outShape} gives. */
    static Arbitrary<VjpCase> of(Arbitrary<List<Matrix>> inputs, Function<List<Matrix>, Shape> outShape) {
        return inputs.flatMap(in -> upstream(outShape.apply(in)).map(g -> new VjpCase(in, g)));
    }

    /**
     * A random upstream gradient: magnitudes in [0.1, 1] of either sign, with six decimals. (jqwik's
     * doubles default to two decimals, which makes an exact zero, or an exact cancellation in a sum
     * of G's entries, likely enough to let a wrong backward through a rejection property.)
     */
    static Arbitrary<Matrix> upstream(Shape s) {
        return fineMatrix(s, 0.1, 1.0, true);
    }

    /**
     * Elements with six decimals in [lo, hi], or in [-hi, -lo] and [lo, hi] when {@code eitherSign}:
     * fine enough that symmetric or cancelling inputs do not occur by chance.
     */
    static Arbitrary<Matrix> fineMatrix(Shape s, double lo, double hi, boolean eitherSign) {
        Arbitrary<Double> magnitude = Arbitraries.doubles().between(lo, hi).ofScale(6).withoutEdgeCases();
        Arbitrary<Double> v = eitherSign
                ? Combinators.combine(magnitude, Arbitraries.of(-1.0, 1.0)).as((m, sign) -> m * sign)
                : magnitude;
        return v.list().ofSize(s.rows() * s.cols())
                .map(l -> Matrix.of(s.rows(), s.cols(), l.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** One input, output of the same shape (element-wise steps). */
    static Arbitrary<VjpCase> elementWise(Arbitrary<Matrix> x) {
        return of(x.map(List::of), in -> in.get(0).shape());
    }
}
