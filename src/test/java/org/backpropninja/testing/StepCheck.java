package org.backpropninja.testing;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;

/**
 * The adapter from a step's forward and backward to the checker, so that a step's property is one
 * line: {@code StepCheck.unary("Exp", Exp::forward, Exp.Forward::out, Exp::backward, c).assertPassed()}.
 * The checker compares the backward with central finite differences of {@code sum(G * out)} at the
 * case's inputs, G the case's upstream gradient, with the default tolerance.
 */
public final class StepCheck {

    private StepCheck() {
    }

    /** A one-input step: {@code forward: x -> F}, its output {@code out(F)}, {@code backward: (F, dout) -> dx}. */
    public static <F> Report unary(String op, Function<Matrix, F> forward, Function<F, Matrix> out,
                                   BiFunction<F, Matrix, Matrix> backward, VjpCase c) {
        return GradientChecker.checkVjp(op, in -> out.apply(forward.apply(in.get(0))),
                (in, g) -> List.of(backward.apply(forward.apply(in.get(0)), g)), c.inputs(), c.G(), Tolerance.DEFAULT);
    }

    /**
     * A two-input step: {@code forward: (a, b) -> F}, its output {@code out(F)}, {@code backward:
     * (F, dout) -> R}, and the two gradients {@code da(R)}, {@code db(R)}.
     */
    public static <F, R> Report binary(String op, BiFunction<Matrix, Matrix, F> forward, Function<F, Matrix> out,
                                       BiFunction<F, Matrix, R> backward, Function<R, Matrix> da,
                                       Function<R, Matrix> db, VjpCase c) {
        return GradientChecker.checkVjp(op, in -> out.apply(forward.apply(in.get(0), in.get(1))), (in, g) -> {
            R grads = backward.apply(forward.apply(in.get(0), in.get(1)), g);
            return List.of(da.apply(grads), db.apply(grads));
        }, c.inputs(), c.G(), Tolerance.DEFAULT);
    }
}
