package org.backpropninja.testing;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/** The inputs of one step and a random upstream gradient G of its output's shape. */
public record VjpCase(List<Matrix> inputs, Matrix G) {

    public VjpCase {
        inputs = List.copyOf(inputs);
    }

    public Matrix x() {
        return inputs.get(0);
    }

    /**
     * Inputs from {@code inputs}, then an upstream G ({@link MatrixArbitraries#upstream(Shape)}) in
     * the shape {@code outShape} gives.
     */
    public static Arbitrary<VjpCase> of(Arbitrary<List<Matrix>> inputs, Function<List<Matrix>, Shape> outShape) {
        return inputs.flatMap(in -> MatrixArbitraries.upstream(outShape.apply(in)).map(g -> new VjpCase(in, g)));
    }

    /** One input, output of the same shape (element-wise steps). */
    public static Arbitrary<VjpCase> elementWise(Arbitrary<Matrix> x) {
        return of(x.map(List::of), in -> in.get(0).shape());
    }
}
