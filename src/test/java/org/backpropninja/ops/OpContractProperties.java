package org.backpropninja.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The library contract of every staged op, forward and backward: no op changes its inputs (nor the
 * upstream gradient), and an upstream gradient or operand of the wrong shape is an
 * {@link IllegalArgumentException} naming the op and both shapes.
 */
class OpContractProperties {

    /**
     * x, y (r, c) with r, c >= 2 and positive values (the domain of log and the powers); row (1, c);
     * w (c, m); columns: r indices in [0, c); ix (r, 2) indices in [0, r) (rows of x as a table).
     */
    record Case(Matrix x, Matrix y, Matrix row, Matrix w, int[] columns, IntMatrix ix, long seed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(MatrixArbitraries.shapes(2, 8, 2, 8), Arbitraries.integers().between(1, 8))
                .as((s, m) -> new Shape[] {s, new Shape(s.cols(), m)})
                .flatMap(s -> Combinators.combine(MatrixArbitraries.matrix(s[0], 0.2, 2),
                        MatrixArbitraries.matrix(s[0], -2, 2), MatrixArbitraries.matrix(new Shape(1, s[0].cols()), -1, 1),
                        MatrixArbitraries.matrix(s[1], -1, 1), MatrixArbitraries.indexArray(s[0].rows(), s[0].cols()),
                        MatrixArbitraries.indices(new Shape(s[0].rows(), 2), s[0].rows()), Arbitraries.longs())
                        .as(Case::new));
    }

    /** One op: its forward output and its backward on a given upstream gradient. */
    record Op(Function<Case, Matrix> out, BackwardOf backward) {
    }

    @FunctionalInterface
    interface BackwardOf {
        List<Matrix> apply(Case c, Matrix dout);
    }

    /** Every staged op, on the case's operands. */
    static Map<String, Op> ops() {
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("MatMul", new Op(c -> MatMul.forward(c.x(), c.w()).out(), (c, d) -> {
            MatMul.Grads g = MatMul.backward(MatMul.forward(c.x(), c.w()), d);
            return List.of(g.da(), g.db());
        }));
        ops.put("BroadcastAdd", new Op(c -> BroadcastAdd.forward(c.x(), c.row()).out(), (c, d) -> {
            BroadcastAdd.Grads g = BroadcastAdd.backward(BroadcastAdd.forward(c.x(), c.row()), d);
            return List.of(g.da(), g.db());
        }));
        ops.put("BroadcastSub", new Op(c -> BroadcastSub.forward(c.x(), c.row()).out(), (c, d) -> {
            BroadcastSub.Grads g = BroadcastSub.backward(BroadcastSub.forward(c.x(), c.row()), d);
            return List.of(g.da(), g.db());
        }));
        ops.put("BroadcastMul", new Op(c -> BroadcastMul.forward(c.x(), c.y()).out(), (c, d) -> {
            BroadcastMul.Grads g = BroadcastMul.backward(BroadcastMul.forward(c.x(), c.y()), d);
            return List.of(g.da(), g.db());
        }));
        ops.put("Gather", new Op(c -> Gather.forward(c.x(), c.ix()).out(),
                (c, d) -> List.of(Gather.backward(Gather.forward(c.x(), c.ix()), d))));
        ops.put("Exp", new Op(c -> Exp.forward(c.x()).out(), (c, d) -> List.of(Exp.backward(Exp.forward(c.x()), d))));
        ops.put("Log", new Op(c -> Log.forward(c.x()).out(), (c, d) -> List.of(Log.backward(Log.forward(c.x()), d))));
        ops.put("Tanh", new Op(c -> Tanh.forward(c.y()).out(),
                (c, d) -> List.of(Tanh.backward(Tanh.forward(c.y()), d))));
        ops.put("Negate", new Op(c -> Negate.forward(c.y()).out(),
                (c, d) -> List.of(Negate.backward(Negate.forward(c.y()), d))));
        ops.put("Mean", new Op(c -> Mean.forward(c.y()).out(), (c, d) -> List.of(Mean.backward(Mean.forward(c.y()), d))));
        ops.put("Pow", new Op(c -> Pow.forward(c.x(), 1e-5, -0.5).out(),
                (c, d) -> List.of(Pow.backward(Pow.forward(c.x(), 1e-5, -0.5), d))));
        ops.put("Scale", new Op(c -> Scale.forward(c.y(), 0.75).out(),
                (c, d) -> List.of(Scale.backward(Scale.forward(c.y(), 0.75), d))));
        ops.put("SumAxis0", new Op(c -> SumAxis.forward(c.y(), 0).out(),
                (c, d) -> List.of(SumAxis.backward(SumAxis.forward(c.y(), 0), d))));
        ops.put("SumAxis1", new Op(c -> SumAxis.forward(c.y(), 1).out(),
                (c, d) -> List.of(SumAxis.backward(SumAxis.forward(c.y(), 1), d))));
        ops.put("RowMax", new Op(c -> RowMax.forward(c.y()).out(),
                (c, d) -> List.of(RowMax.backward(RowMax.forward(c.y()), d))));
        ops.put("Pick", new Op(c -> Pick.forward(c.y(), c.columns()).out(),
                (c, d) -> List.of(Pick.backward(Pick.forward(c.y(), c.columns()), d))));
        ops.put("View", new Op(c -> View.forward(c.y(), 1, c.y().size()).out(),
                (c, d) -> List.of(View.backward(View.forward(c.y(), 1, c.y().size()), d))));
        return ops;
    }

    private static Matrix copy(Matrix m) {
        return Matrix.from(m.toArray2D());
    }

    @Property(tries = 100)
    void noOpChangesItsInputsOrItsUpstreamGradient(@ForAll("cases") Case c) {
        Case before = new Case(copy(c.x()), copy(c.y()), copy(c.row()), copy(c.w()), c.columns().clone(),
                IntMatrix.of(c.ix().rows(), c.ix().cols(), c.ix().toArray()), c.seed());
        ops().forEach((name, op) -> {
            Matrix out = op.out().apply(c);
            Matrix dout = MatrixArbitraries.upstream(out.shape(), c.seed());
            Matrix doutBefore = copy(dout);
            List<Matrix> grads = op.backward().apply(c, dout);
            assertEquals(doutBefore, dout, name + " changed its upstream gradient");
            assertEquals(out, op.out().apply(c), name + " forward is not repeatable");
            assertEquals(grads, op.backward().apply(c, dout), name + " backward is not repeatable");
            assertEquals(before.x(), c.x(), name);
            assertEquals(before.y(), c.y(), name);
            assertEquals(before.row(), c.row(), name);
            assertEquals(before.w(), c.w(), name);
            assertArrayEquals(before.columns(), c.columns(), name);
            assertEquals(before.ix(), c.ix(), name);
        });
    }

    @Property(tries = 100)
    void changingACallersIndexArrayAfterForwardDoesNotChangeTheBackward(@ForAll("cases") Case c) {
        int[] columns = c.columns().clone();
        Pick.Forward f = Pick.forward(c.y(), columns);
        Matrix dout = MatrixArbitraries.upstream(f.out().shape(), c.seed());
        Matrix expected = Pick.backward(f, dout);
        columns[0] = (columns[0] + 1) % c.y().cols();
        assertEquals(expected, Pick.backward(f, dout));
        f.columns()[0] = (f.columns()[0] + 1) % c.y().cols();
        assertEquals(expected, Pick.backward(f, dout));
        RowMax.Forward m = RowMax.forward(c.y());
        Matrix dmax = RowMax.backward(m, MatrixArbitraries.upstream(m.out().shape(), c.seed()));
        m.indices()[0] = (m.indices()[0] + 1) % c.y().cols();
        assertEquals(dmax, RowMax.backward(m, MatrixArbitraries.upstream(m.out().shape(), c.seed())));
    }

    static void assertNamesBothShapes(IllegalArgumentException e, String op, Shape a, Shape b) {
        String m = e.getMessage();
        assertTrue(m.contains(op) && m.contains(a.toString()) && m.contains(b.toString()),
                "'" + m + "' should name " + op + ", " + a + " and " + b);
    }

    @Property(tries = 100)
    void everyBackwardRejectsAnUpstreamGradientOfTheWrongShapeNamingBoth(@ForAll("cases") Case c,
                                                                       @ForAll boolean extraRow) {
        ops().forEach((name, op) -> {
            Shape out = op.out().apply(c).shape();
            Shape wrong = extraRow ? new Shape(out.rows() + 1, out.cols()) : new Shape(out.rows(), out.cols() + 1);
            Matrix dout = MatrixArbitraries.upstream(wrong, c.seed());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward().apply(c, dout), name + " accepted " + wrong + " for " + out);
            assertNamesBothShapes(e, name.replaceAll("\\d$", ""), out, wrong);
        });
    }

    @Property(tries = 100)
    void everyBinaryForwardRejectsOperandsOfIncompatibleShapesNamingBoth(@ForAll("cases") Case c) {
        Shape s = c.x().shape();
        Matrix taller = MatrixArbitraries.upstream(new Shape(s.rows() + 1, s.cols()), c.seed());   // rows r+1 >= 3 against r >= 2
        Matrix wider = MatrixArbitraries.upstream(new Shape(s.rows(), s.cols() + 1), c.seed());
        for (Matrix b : List.of(taller, wider)) {
            assertNamesBothShapes(assertThrows(IllegalArgumentException.class, () -> BroadcastAdd.forward(c.x(), b)),
                    "", s, b.shape());
            assertNamesBothShapes(assertThrows(IllegalArgumentException.class, () -> BroadcastSub.forward(c.x(), b)),
                    "", s, b.shape());
            assertNamesBothShapes(assertThrows(IllegalArgumentException.class, () -> BroadcastMul.forward(c.x(), b)),
                    "", s, b.shape());
        }
        Matrix inner = MatrixArbitraries.upstream(new Shape(s.cols() + 1, 2), c.seed());
        assertNamesBothShapes(assertThrows(IllegalArgumentException.class, () -> MatMul.forward(c.x(), inner)),
                "", s, inner.shape());
        int[] tooFew = java.util.Arrays.copyOf(c.columns(), s.rows() - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pick.forward(c.x(), tooFew));
        assertTrue(e.getMessage().contains(s.toString()) && e.getMessage().contains(Integer.toString(tooFew.length)),
                e.getMessage());
    }
}
