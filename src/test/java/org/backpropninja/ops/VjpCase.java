package org.backpropninja.ops;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;

/** The inputs of one step and a random upstream gradient G of its output's shape. */
record VjpCase(List<Matrix> inputs, Matrix G) {

    Matrix x() {
        return inputs.get(0);
    }

    /** Inputs from {@code inputs}, then G uniform in [-1, 1] in the shape {@code outShape} gives. */
    static Arbitrary<VjpCase> of(Arbitrary<List<Matrix>> inputs, Function<List<Matrix>, Shape> outShape) {
        return inputs.flatMap(in -> MatrixArbitraries.matrix(outShape.apply(in), -1, 1)
                .map(g -> new VjpCase(in, g)));
    }

    /** One input, output of the same shape (element-wise steps). */
    static Arbitrary<VjpCase> elementWise(Arbitrary<Matrix> x) {
        return of(x.map(List::of), in -> in.get(0).shape());
    }
}
