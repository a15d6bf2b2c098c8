package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.MlpCases;

/**
 * The library contract of every layer and of the whole network, forward and backward: nothing
 * changes its inputs (parameters, minibatch, targets, upstream gradient), an upstream gradient or
 * operand of the wrong shape is an {@link IllegalArgumentException} naming both shapes, and a
 * non-finite input to the checker is reported, never passed.
 */
class LayerContractProperties {

    @Provide
    Arbitrary<MlpCases.Case> networks() {
        return MlpCases.small();
    }

    private static Matrix copy(Matrix m) {
        return Matrix.from(m.toArray2D());
    }

    private static Params copy(Params p) {
        return Params.of(p.asList().stream().map(LayerContractProperties::copy).toList());
    }

    private static IntMatrix copy(IntMatrix m) {
        return IntMatrix.of(m.rows(), m.cols(), m.toArray());
    }

    /**
     * Every layer's forward and backward, called on the network's own intermediates, then the whole
     * network's forward, backward, evaluation logits and calibration: each input compares equal to a
     * deep copy taken before, and each call gives the same bits twice.
     */
    @Property(tries = 100)
    void noLayerAndNoNetworkCallChangesItsInputs(@ForAll("networks") MlpCases.Case c) {
        Params p = c.p();
        Params pBefore = copy(p);
        IntMatrix xbBefore = copy(c.Xb());
        int[] ybBefore = c.Yb().clone();
        Mlp mlp = c.mlp();

        Embedding.Forward emb = Embedding.forward(p.C(), c.Xb());
        Matrix x1 = emb.embcat();
        Matrix x1Before = copy(x1);
        Linear.Forward l1 = Linear.forward(x1, p.W1(), p.b1());
        Matrix h1 = l1.out();
        Matrix h1Before = copy(h1);
        BatchNorm.Forward bn = BatchNorm.forward(h1, p.bngain(), p.bnbias());
        TanhLayer.Forward act = TanhLayer.forward(bn.out());
        Matrix hBefore = copy(act.h());
        Linear.Forward l2 = Linear.forward(act.h(), p.W2(), p.b2());
        CrossEntropy.Forward ce = CrossEntropy.forward(l2.out(), c.Yb());

        Matrix dlogits = CrossEntropy.backward(ce);
        Matrix dlogitsBefore = copy(dlogits);
        Linear.Grads g2 = Linear.backward(l2, dlogits);
        Matrix dh = g2.dx();
        Matrix dhBefore = copy(dh);
        Matrix dhpre = TanhLayer.backward(act, dh);
        Matrix dhpreBefore = copy(dhpre);
        BatchNorm.Grads gbn = BatchNorm.backward(bn, dhpre);
        Matrix dx = gbn.dx();
        Matrix dxBefore = copy(dx);
        Linear.Grads g1 = Linear.backward(l1, dx);
        Matrix dembcat = g1.dx();
        Matrix dembcatBefore = copy(dembcat);
        Matrix dC = Embedding.backward(emb, dembcat);

        assertEquals(x1Before, x1);
        assertEquals(h1Before, h1);
        assertEquals(hBefore, act.h());
        assertEquals(dlogitsBefore, dlogits);
        assertEquals(dhBefore, dh);
        assertEquals(dhpreBefore, dhpre);
        assertEquals(dxBefore, dx);
        assertEquals(dembcatBefore, dembcat);
        assertEquals(pBefore, p);
        assertEquals(xbBefore, c.Xb());
        assertArrayEquals(ybBefore, c.Yb());

        Mlp.Forward f = mlp.forward(p, c.Xb(), c.Yb());
        Params grads = mlp.backward(f);
        assertEquals(grads, mlp.backward(mlp.forward(p, c.Xb(), c.Yb())), "the network is a pure function");
        assertEquals(new Params(dC, g1.dW(), g1.db(), g2.dW(), g2.db(), gbn.dbngain(), gbn.dbnbias()), grads,
                "the network's backward is its layers' backwards in order");
        BatchNorm.Stats stats = f.bn().stats();
        mlp.logits(p, stats, c.Xb());
        mlp.loss(p, stats, c.Xb(), c.Yb());
        assertEquals(pBefore, p);
        assertEquals(xbBefore, c.Xb());
        assertArrayEquals(ybBefore, c.Yb());
    }

    @Property(tries = 100)
    void changingTheCallersTargetsAfterForwardDoesNotChangeTheBackward(@ForAll("networks") MlpCases.Case c) {
        int[] y = c.Yb().clone();
        Mlp.Forward f = c.mlp().forward(c.p(), c.Xb(), y);
        Params before = c.mlp().backward(f);
        y[0] = (y[0] + 1) % c.sizes().vocab();
        f.ce().y()[0] = (c.Yb()[0] + 1) % c.sizes().vocab();
        assertEquals(before, c.mlp().backward(f));
    }

    static void assertNamesBothShapes(IllegalArgumentException e, Shape a, Shape b) {
        String m = e.getMessage();
        assertTrue(m.contains(a.toString()) && m.contains(b.toString()), "'" + m + "' should name " + a + " and " + b);
    }

    /**
     * Every layer's backward, handed an upstream gradient with one row or one column too many: its own
     * guard refuses it, naming the layer and both shapes (not a matrix operation deeper down, whose
     * message would name neither the layer nor the forward output).
     */
    @Property(tries = 100)
    void everyLayerBackwardRejectsAnUpstreamGradientOfTheWrongShapeNamingBoth(@ForAll("networks") MlpCases.Case c,
                                                                            @ForAll boolean extraRow) {
        Mlp.Forward f = c.forward();
        List<Matrix> outs = List.of(f.emb().embcat(), f.layer1().out(), f.bn().out(), f.act().h(), f.layer2().out());
        List<java.util.function.Function<Matrix, Object>> backwards = List.of(
                d -> Embedding.backward(f.emb(), d), d -> Linear.backward(f.layer1(), d),
                d -> BatchNorm.backward(f.bn(), d), d -> TanhLayer.backward(f.act(), d), d -> Linear.backward(f.layer2(), d));
        List<String> layers = List.of("Embedding.backward", "Linear.backward", "BatchNorm.backward", "TanhLayer.backward",
                "Linear.backward");
        for (int k = 0; k < outs.size(); k++) {
            Shape out = outs.get(k).shape();
            Shape wrong = extraRow ? new Shape(out.rows() + 1, out.cols()) : new Shape(out.rows(), out.cols() + 1);
            Matrix d = MatrixArbitraries.upstream(wrong, k);
            var backward = backwards.get(k);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backward.apply(d));
            assertNamesBothShapes(e, out, wrong);
            assertTrue(e.getMessage().startsWith(layers.get(k)), e.getMessage());
        }
    }

    /** Operands of the wrong width for Linear and BatchNorm, targets and parameters that do not fit. */
    @Property(tries = 100)
    void everyLayerForwardRejectsOperandsThatDoNotFitNamingTheShapes(@ForAll("networks") MlpCases.Case c) {
        Params p = c.p();
        Matrix x = c.forward().emb().embcat();                                    // (n, block*embd)
        Matrix wideW = MatrixArbitraries.upstream(new Shape(p.W1().rows() + 1, p.W1().cols()), 1);
        assertNamesBothShapes(assertThrows(IllegalArgumentException.class, () -> Linear.forward(x, wideW, p.b1())),
                x.shape(), wideW.shape());
        Matrix longB = MatrixArbitraries.upstream(new Shape(1, p.b1().cols() + 1), 2);
        assertNamesBothShapes(assertThrows(IllegalArgumentException.class, () -> Linear.forward(x, p.W1(), longB)),
                p.W1().shape(), longB.shape());
        Matrix h = c.forward().layer1().out();                                   // (n, hidden)
        Matrix gain = MatrixArbitraries.upstream(new Shape(1, h.cols() + 1), 3);
        assertNamesBothShapes(assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forward(h, gain, p.bnbias())), h.shape(), gain.shape());
        assertNamesBothShapes(assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forward(h, p.bngain(), gain)), h.shape(), gain.shape());
        Matrix logits = c.forward().layer2().out();
        int[] tooMany = java.util.Arrays.copyOf(c.Yb(), c.Yb().length + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.forward(logits, tooMany));
        assertTrue(e.getMessage().contains(logits.shape().toString())
                && e.getMessage().contains(tooMany.length + " targets"), e.getMessage());
        for (int i = 0; i < 7; i++) {
            Matrix m = p.asList().get(i);
            List<Matrix> bad = new java.util.ArrayList<>(p.asList());
            Matrix wrong = MatrixArbitraries.upstream(new Shape(m.rows(), m.cols() + 1), 4);
            bad.set(i, wrong);
            IllegalArgumentException pe = assertThrows(IllegalArgumentException.class,
                    () -> c.mlp().forward(Params.of(bad), c.Xb(), c.Yb()));
            assertTrue(pe.getMessage().contains(Params.NAMES.get(i)) && pe.getMessage().contains(wrong.shape().toString())
                    && pe.getMessage().contains(m.shape().toString()), pe.getMessage());
        }
    }

    /** A NaN or infinity in a layer's input or in the whole network's parameters: reported, never passed. */
    @Property(tries = 50)
    void nonFiniteInputsToALayerOrTheNetworkAreReportedNeverPassed(@ForAll("networks") MlpCases.Case c) {
        Matrix h = c.forward().layer1().out();
        Matrix G = MatrixArbitraries.upstream(h.shape(), 5);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Matrix poisoned = h.with(h.rows() - 1, 0, bad);
            Report r = GradientChecker.checkVjp("BatchNorm",
                    in -> BatchNorm.forward(in.get(0), in.get(1), in.get(2)).out(), (in, g) -> {
                        BatchNorm.Grads gr = BatchNorm.backward(BatchNorm.forward(in.get(0), in.get(1), in.get(2)), g);
                        return List.of(gr.dx(), gr.dbngain(), gr.dbnbias());
                    }, List.of(poisoned, c.p().bngain(), c.p().bnbias()), G, Tolerance.DEFAULT);
            assertFalse(r.passed(), r.describe());
            Params q = Params.of(List.of(c.p().C().with(0, 0, bad), c.p().W1(), c.p().b1(), c.p().W2(), c.p().b2(),
                    c.p().bngain(), c.p().bnbias()));
            Params grads = c.mlp().backward(c.mlp().forward(q, c.Xb(), c.Yb()));
            Report net = GradientChecker.checkGradient("Mlp", Params.NAMES,
                    in -> c.mlp().forward(Params.of(in), c.Xb(), c.Yb()).loss(), q.asList(), grads.asList(),
                    Tolerance.DEFAULT);
            assertFalse(net.passed(), net.describe());
        }
    }
    /** Each layer guard names the parameter it checks, not just the shapes a later matrix op would show. */
    @Property(tries = 50)
    void guardsNameTheOffendingParameter(@ForAll("networks") MlpCases.Case c) {
        Params p = c.p();
        Mlp mlp = c.mlp();
        Matrix h = c.forward().layer1().out();
        Matrix wrongRow = MatrixArbitraries.upstream(new Shape(1, h.cols() + 1), 6);
        BatchNorm.Stats stats = c.forward().bn().stats();
        List<Runnable> calls = List.of(() -> BatchNorm.forward(h, wrongRow, p.bnbias()),
                () -> BatchNorm.forward(h, p.bngain(), wrongRow),
                () -> BatchNorm.eval(h, wrongRow, p.bnbias(), stats),
                () -> BatchNorm.eval(h, p.bngain(), wrongRow, stats),
                () -> BatchNorm.eval(h, p.bngain(), p.bnbias(), new BatchNorm.Stats(wrongRow, wrongRow)));
        List<String> names = List.of("bngain", "bnbias", "bngain", "bnbias", "mean");
        for (int k = 0; k < calls.size(); k++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, calls.get(k)::run);
            assertTrue(e.getMessage().contains(names.get(k)) && e.getMessage().contains(wrongRow.shape().toString())
                    && e.getMessage().contains(h.shape().toString()), e.getMessage());
        }

        IntMatrix longer = IntMatrix.of(c.Xb().rows(), c.Xb().cols() + 1,
                java.util.Arrays.copyOf(c.Xb().toArray(), c.Xb().rows() * (c.Xb().cols() + 1)));
        List<Runnable> contexts = List.of(() -> mlp.forward(p, longer, c.Yb()), () -> mlp.logits(p, stats, longer),
                () -> mlp.hprebn(p, longer));
        for (Runnable call : contexts) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains(longer.shape().toString())
                    && e.getMessage().contains(c.sizes().block() + " columns"), e.getMessage());
        }

        Matrix wideB1 = MatrixArbitraries.upstream(new Shape(1, p.b1().cols() + 1), 7);
        Params bad = new Params(p.C(), p.W1(), wideB1, p.W2(), p.b2(), p.bngain(), p.bnbias());
        List<Runnable> params = List.of(() -> Mlp.of(bad), () -> mlp.logits(bad, stats, c.Xb()),
                () -> mlp.hprebn(bad, c.Xb()));
        for (Runnable call : params) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("b1 is " + wideB1.shape()), e.getMessage());
        }
        assertEquals(mlp, Mlp.of(p));
    }
}
