package org.backpropninja.ops;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.StepCheck;
import org.backpropninja.testing.VjpCase;

/**
 * Every atomic step of Exercise 1: its hand-written backward (a vector-Jacobian product) equals
 * central finite differences of {@code sum(G * forward(x))} for a random upstream gradient G.
 * Shapes have 1..12 rows and columns (batch axes 2..16 where the notebook reduces over the batch);
 * values stay where each step is differentiable.
 */
class StepProperties {

    /** The notebook's batchnorm epsilon, {@code (bnvar + 1e-5) ** -0.5}. */
    private static final double BN_EPS = 1e-5;

    // ------------------------------------------------------------------ gather and shape

    /** Table C, indices Xb into it, and G for the (n*block, embd) output. */
    record GatherCase(Matrix C, IntMatrix Xb, Matrix G) {
    }

    @Provide
    Arbitrary<GatherCase> gatherCases() {
        return Combinators.combine(MatrixArbitraries.shapes(12, 12), MatrixArbitraries.shapes(12, 4))
                .as(Tuple::of)
                .flatMap(t -> Combinators.combine(MatrixArbitraries.matrix(t.get1(), -1, 1),
                                MatrixArbitraries.indices(t.get2(), t.get1().rows()),
                                MatrixArbitraries.upstream(new Shape(t.get2().rows() * t.get2().cols(),
                                        t.get1().cols())))
                        .as(GatherCase::new));
    }

    @Property(tries = 300)
    void gatherBackwardScatterAddsIntoTheTable(@ForAll("gatherCases") GatherCase c) {
        StepCheck.unary("Gather", C -> Gather.forward(C, c.Xb()), Gather.Forward::out, Gather::backward,
                new VjpCase(List.of(c.C()), c.G())).assertPassed();
    }

    /** emb (n*block, embd) viewed as (n, block*embd). */
    @Provide
    Arbitrary<Tuple2<VjpCase, Integer>> viewCases() {
        return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 12)).as((n, block, embd) -> List.of(n, block, embd))
                .flatMap(d -> VjpCase.of(MatrixArbitraries.matrix(new Shape(d.get(0) * d.get(1), d.get(2)), -1, 1)
                                .map(List::of), in -> new Shape(d.get(0), d.get(1) * d.get(2)))
                        .map(c -> Tuple.of(c, d.get(0))));
    }

    @Property(tries = 300)
    void viewBackwardReshapesTheGradientBack(@ForAll("viewCases") Tuple2<VjpCase, Integer> t) {
        int n = t.get2();
        StepCheck.unary("View", x -> View.forward(x, n, x.size() / n), View.Forward::out, View::backward, t.get1())
                .assertPassed();
    }

    // ------------------------------------------------------------------ products and broadcasts

    @Provide
    Arbitrary<VjpCase> matmulCases() {
        return VjpCase.of(MatrixArbitraries.matmulPairs(12).map(p -> List.of(p.get1(), p.get2())),
                in -> new Shape(in.get(0).rows(), in.get(1).cols()));
    }

    @Property(tries = 300)
    void matmulBackwardIsDoutTimesTransposes(@ForAll("matmulCases") VjpCase c) {
        StepCheck.binary("MatMul", MatMul::forward, MatMul.Forward::out, MatMul::backward, MatMul.Grads::da,
                MatMul.Grads::db, c).assertPassed();
    }

    /** A full operand with a full, row, column or scalar partner, in either order. */
    @Provide
    Arbitrary<VjpCase> broadcastCases() {
        return VjpCase.of(MatrixArbitraries.broadcastPairs(12, 12).map(p -> List.of(p.get1(), p.get2())),
                in -> new Shape(Math.max(in.get(0).rows(), in.get(1).rows()),
                        Math.max(in.get(0).cols(), in.get(1).cols())));
    }

    @Property(tries = 400)
    void broadcastAddBackwardSumsOverTheBroadcastAxis(@ForAll("broadcastCases") VjpCase c) {
        StepCheck.binary("BroadcastAdd", BroadcastAdd::forward, BroadcastAdd.Forward::out, BroadcastAdd::backward, BroadcastAdd.Grads::da,
                BroadcastAdd.Grads::db, c).assertPassed();
    }

    @Property(tries = 400)
    void broadcastSubBackwardSumsMinusGOverTheBroadcastAxis(@ForAll("broadcastCases") VjpCase c) {
        StepCheck.binary("BroadcastSub", BroadcastSub::forward, BroadcastSub.Forward::out, BroadcastSub::backward, BroadcastSub.Grads::da,
                BroadcastSub.Grads::db, c).assertPassed();
    }

    @Property(tries = 400)
    void broadcastMulBackwardMultipliesByTheOtherAndSums(@ForAll("broadcastCases") VjpCase c) {
        StepCheck.binary("BroadcastMul", BroadcastMul::forward, BroadcastMul.Forward::out, BroadcastMul::backward, BroadcastMul.Grads::da,
                BroadcastMul.Grads::db, c).assertPassed();
    }

    // ------------------------------------------------------------------ reductions and scaling

    /** A (batch 1..16, 1..12) matrix, summed over axis 0 or 1. */
    @Provide
    Arbitrary<Tuple2<VjpCase, Integer>> sumCases() {
        return Arbitraries.integers().between(0, 1).flatMap(axis ->
                VjpCase.of(MatrixArbitraries.matrices(16, 12, -2, 2).map(List::of),
                                in -> axis == 0 ? new Shape(1, in.get(0).cols()) : new Shape(in.get(0).rows(), 1))
                        .map(c -> Tuple.of(c, axis)));
    }

    @Property(tries = 400)
    void sumAxisBackwardBroadcastsTheGradientBack(@ForAll("sumCases") Tuple2<VjpCase, Integer> t) {
        int axis = t.get2();
        StepCheck.unary("SumAxis(" + axis + ")", x -> SumAxis.forward(x, axis), SumAxis.Forward::out,
                SumAxis::backward, t.get1()).assertPassed();
    }

    @Property(tries = 300)
    void scaleBackwardScalesTheGradient(@ForAll("batchMatrices") Matrix x, @ForAll("upstreamSeeds") long seed,
                                        @ForAll("batchSizes") int n) {
        double s = 1.0 / (n - 1); // the notebook's constants are 1/n and 1/(n-1)
        VjpCase c = new VjpCase(List.of(x), MatrixArbitraries.upstream(x.shape(), seed));
        StepCheck.unary("Scale", in -> Scale.forward(in, s), Scale.Forward::out, Scale::backward, c).assertPassed();
    }

    @Provide
    Arbitrary<Matrix> batchMatrices() {
        return MatrixArbitraries.shapes(2, 16, 1, 12).flatMap(s -> MatrixArbitraries.matrix(s, -2, 2));
    }

    @Provide
    Arbitrary<Integer> batchSizes() {
        return Arbitraries.integers().between(2, 16);
    }

    @Provide
    Arbitrary<Long> upstreamSeeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<VjpCase> meanCases() {
        return VjpCase.of(MatrixArbitraries.matrices(16, 12, -2, 2).map(List::of), in -> new Shape(1, 1));
    }

    @Property(tries = 300)
    void meanBackwardSharesTheGradientEqually(@ForAll("meanCases") VjpCase c) {
        StepCheck.unary("Mean", Mean::forward, Mean.Forward::out, Mean::backward, c).assertPassed();
    }

    // ------------------------------------------------------------------ element-wise

    @Provide
    Arbitrary<VjpCase> anyValues() {
        return VjpCase.elementWise(MatrixArbitraries.matrices(12, 12, -2, 2));
    }

    /** Inputs in [0.2, 3]: the domain of log, x^-1 and (x + eps)^-0.5, kept away from 0. */
    @Provide
    Arbitrary<VjpCase> positiveValues() {
        return VjpCase.elementWise(MatrixArbitraries.matrices(12, 12, 0.2, 3));
    }

    @Property(tries = 400)
    void squareBackwardIsTwoX(@ForAll("anyValues") VjpCase c) {
        checkPow(c, 0.0, 2.0);
    }

    @Property(tries = 400)
    void inverseBackwardIsMinusOneOverXSquared(@ForAll("positiveValues") VjpCase c) {
        checkPow(c, 0.0, -1.0);
    }

    @Property(tries = 400)
    void inverseSqrtWithEpsBackwardIsMinusHalfPowerMinusThreeHalves(@ForAll("positiveValues") VjpCase c) {
        checkPow(c, BN_EPS, -0.5);
    }

    private static void checkPow(VjpCase c, double offset, double p) {
        StepCheck.unary("Pow(" + offset + ", " + p + ")", x -> Pow.forward(x, offset, p), Pow.Forward::out,
                Pow::backward, c).assertPassed();
    }

    @Property(tries = 400)
    void tanhBackwardIsOneMinusOutSquared(@ForAll("anyValues") VjpCase c) {
        StepCheck.unary("Tanh", Tanh::forward, Tanh.Forward::out, Tanh::backward, c).assertPassed();
    }

    @Property(tries = 400)
    void expBackwardIsTheOutput(@ForAll("anyValues") VjpCase c) {
        StepCheck.unary("Exp", Exp::forward, Exp.Forward::out, Exp::backward, c).assertPassed();
    }

    @Property(tries = 400)
    void logBackwardIsOneOverX(@ForAll("positiveValues") VjpCase c) {
        StepCheck.unary("Log", Log::forward, Log.Forward::out, Log::backward, c).assertPassed();
    }

    @Property(tries = 400)
    void negateBackwardIsMinusG(@ForAll("anyValues") VjpCase c) {
        StepCheck.unary("Negate", Negate::forward, Negate.Forward::out, Negate::backward, c).assertPassed();
    }

    // ------------------------------------------------------------------ indexing

    /** Rows whose maximum is lifted at least 0.05 above every other element: no ties, no kinks. */
    @Provide
    Arbitrary<VjpCase> rowMaxCases() {
        return VjpCase.of(Combinators.combine(MatrixArbitraries.matrices(12, 12, -2, 2),
                        MatrixArbitraries.values(0.05, 0.5))
                .as(MatrixArbitraries::liftRowMax).map(List::of), in -> new Shape(in.get(0).rows(), 1));
    }

    @Property(tries = 400)
    void rowMaxBackwardRoutesToTheArgMax(@ForAll("rowMaxCases") VjpCase c) {
        StepCheck.unary("RowMax", RowMax::forward, RowMax.Forward::out, RowMax::backward, c).assertPassed();
    }

    /** logprobs (n, m), targets Yb, and G for the (n, 1) picked column. */
    record PickCase(Matrix x, int[] columns, Matrix G) {
    }

    @Provide
    Arbitrary<PickCase> pickCases() {
        return MatrixArbitraries.shapes(1, 16, 1, 12).flatMap(s -> Combinators.combine(
                MatrixArbitraries.matrix(s, -3, 0), MatrixArbitraries.indexArray(s.rows(), s.cols()),
                MatrixArbitraries.upstream(new Shape(s.rows(), 1))).as(PickCase::new));
    }

    @Property(tries = 400)
    void pickBackwardScattersToThePickedColumns(@ForAll("pickCases") PickCase c) {
        StepCheck.unary("Pick", x -> Pick.forward(x, c.columns()), Pick.Forward::out, Pick::backward,
                new VjpCase(List.of(c.x()), c.G())).assertPassed();
    }
}
