package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.backpropninja.testing.Verdicts.assertRejected;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.testing.WrongBackwards;
import org.backpropninja.testing.MlpCases;

/**
 * The whole network's gradient of all seven parameters against three judges: finite differences,
 * the exact directional derivative of forward-mode automatic differentiation, and the Taylor
 * remainder's order, each also shown to reject a network whose batchnorm backward drops Bessel's
 * correction.
 */
class MlpProperties {

    @Provide
    Arbitrary<MlpCases.Case> networks() {
        return MlpCases.small();
    }

    /** The network's backward with the one classic slip of dropping n/(n-1) in the batchnorm. */
    static Params besselDropped(Mlp.Forward f) {
        Matrix dlogits = CrossEntropy.backward(f.ce());
        Linear.Grads g2 = Linear.backward(f.layer2(), dlogits);
        Matrix dhpreact = TanhLayer.backward(f.act(), g2.dx());
        BatchNorm.Grads gbn = WrongBackwards.besselDropped(f.bn(), dhpreact);
        Linear.Grads g1 = Linear.backward(f.layer1(), gbn.dx());
        Matrix dC = Embedding.backward(f.emb(), g1.dx());
        return new Params(dC, g1.dW(), g1.db(), g2.dW(), g2.db(), gbn.dbngain(), gbn.dbnbias());
    }

    static Params manual(MlpCases.Case c) {
        return c.mlp().backward(c.forward());
    }

    static Params wrong(MlpCases.Case c) {
        return besselDropped(c.forward());
    }

    // ------------------------------------------------------------ judge 1: finite differences

    static Report finiteDifferences(MlpCases.Case c, Params grads) {
        return GradientChecker.checkGradient("Mlp", Params.NAMES, in -> c.loss(Params.of(in)), c.p().asList(),
                grads.asList(), Tolerance.DEFAULT);
    }

    @Property(tries = 200)
    void gradientOfAllSevenParametersMatchesFiniteDifferences(@ForAll("networks") MlpCases.Case c) {
        finiteDifferences(c, manual(c)).assertPassed();
    }

    /** Tiny networks: the point is rejection, not size, and this check costs a full pass. */
    @Provide
    Arbitrary<MlpCases.Case> tinyNetworks() {
        return MlpCases.tiny();
    }

    @Property(tries = 200)
    void finiteDifferencesRejectANetworkWithoutBesselsCorrection(@ForAll("tinyNetworks") MlpCases.Case c) {
        assertRejected(finiteDifferences(c, wrong(c)));
    }

    // ------------------------------------------------------------ judge 2: forward-mode AD

    /**
     * |D - <g, d>| <= 1e-10 max(|<g, d>|, 1e-3 sum |g_i d_i|), D the forward-mode derivative. Both
     * sides are exact up to rounding (over 3000 random cases the worst relative difference was
     * 1.3e-12, the worst absolute one 1.5e-15 sum |g_i d_i|); the 1e-3 sum |g_i d_i| floor only
     * keeps a draw whose <g, d> cancels to almost nothing from failing on rounding alone.
     */
    static boolean agreesWithForwardMode(MlpCases.Case c, Params grads) {
        DerivativeStructure ds = ForwardModeMlp.loss(c.p(), c.d(), c.Xb(), c.Yb());
        double[] gd = MlpCases.dot(grads, c.d());
        double bound = 1e-10 * Math.max(Math.abs(gd[0]), 1e-3 * gd[1]);
        return Math.abs(ds.getPartialDerivative(1) - gd[0]) <= bound;
    }

    @Property(tries = 200)
    void directionalDerivativeEqualsTheExactForwardModeDerivative(@ForAll("networks") MlpCases.Case c) {
        DerivativeStructure ds = ForwardModeMlp.loss(c.p(), c.d(), c.Xb(), c.Yb());
        double loss = c.forward().loss();
        assertEquals(loss, ds.getValue(), 1e-12 * Math.abs(loss), "the two forwards disagree on the loss");
        assertTrue(agreesWithForwardMode(c, manual(c)),
                () -> "forward mode " + ds.getPartialDerivative(1) + " vs <g, d> " + MlpCases.dot(manual(c), c.d())[0]);
    }

    @Property(tries = 200)
    void forwardModeRejectsANetworkWithoutBesselsCorrection(@ForAll("networks") MlpCases.Case c) {
        assertFalse(agreesWithForwardMode(c, wrong(c)));
    }

    // ------------------------------------------------------------ judge 3: Taylor remainder

    /** Largest and smallest step: h = 2^-8 .. 2^-13, halving, five observed orders. */
    static final int FIRST = 8;
    static final int LAST = 13;

    /**
     * The orders log2(r(h) / r(h/2)) of the remainder r(h) = |L(p + h d) - L(p) - h <g, d>| over
     * h = 2^-8 .. 2^-13, d of unit norm. With the right g, r(h) = |a h^2 + b h^3 + ...| and every
     * order is near 2; with a wrong g, r(h) ~ h |<g - grad L, d>| and the orders fall to 1.
     */
    static double[] taylorOrders(MlpCases.Case c, Params grads) {
        double gd = MlpCases.dot(grads, c.d())[0];
        double l0 = c.forward().loss();
        double[] r = new double[LAST - FIRST + 1];
        for (int k = FIRST; k <= LAST; k++) {
            double h = Math.scalb(1.0, -k);
            r[k - FIRST] = Math.abs(c.loss(MlpCases.step(c.p(), c.d(), h)) - l0 - h * gd);
        }
        double[] orders = new double[r.length - 1];
        for (int k = 0; k < orders.length; k++) {
            orders[k] = Math.log(r[k] / r[k + 1]) / Math.log(2);
        }
        return orders;
    }

    /**
     * The range is valid when the quadratic term dominates it, judged without the gradient under
     * test: a = (L(p + h d) + L(p - h d) - 2 L(p)) / (2 h^2) at h = 2^-10 (the even part), and the
     * cubic coefficient b = (O(2h) - 2 O(h)) / (6 h^3) at h = 2^-9 from the odd part
     * O(h) = (L(p + h d) - L(p - h d)) / 2 (the linear term cancels). Required: |a| >= 1e-5, so at the
     * smallest step a h^2 ~ 1.5e-13 stays some 300 times above the ~5e-16 rounding of L; and
     * |b| 2^-8 <= 0.05 |a|, so the cubic term moves no order by more than ~0.04. Draws whose d
     * happens to be a direction of almost zero curvature (about 2 in 100) are discarded.
     */
    static double quadraticCoefficient(MlpCases.Case c) {
        double he = Math.scalb(1.0, -10);
        return (c.loss(MlpCases.step(c.p(), c.d(), he)) + c.loss(MlpCases.step(c.p(), c.d(), -he))
                - 2 * c.forward().loss()) / (2 * he * he);
    }

    static boolean quadraticTermDominates(MlpCases.Case c) {
        Function<Double, Double> at = h -> c.loss(MlpCases.step(c.p(), c.d(), h));
        double a = quadraticCoefficient(c);
        double ho = Math.scalb(1.0, -9);
        double odd1 = (at.apply(ho) - at.apply(-ho)) / 2;
        double odd2 = (at.apply(2 * ho) - at.apply(-2 * ho)) / 2;
        double b = (odd2 - 2 * odd1) / (6 * ho * ho * ho);
        return Math.abs(a) >= 1e-5 && Math.abs(b) * Math.scalb(1.0, -FIRST) <= 0.05 * Math.abs(a);
    }

    static boolean allOrdersNearTwo(double[] orders) {
        for (double o : orders) {
            if (!(o >= 1.8 && o <= 2.2)) {
                return false;
            }
        }
        return true;
    }

    /** 210 tries: about 2 in 100 are discarded by the precondition, leaving 200 or so checked. */
    @Property(tries = 210)
    void taylorRemainderShrinksLikeHSquared(@ForAll("networks") MlpCases.Case c) {
        Assume.that(quadraticTermDominates(c));
        double[] orders = taylorOrders(c, manual(c));
        assertTrue(allOrdersNearTwo(orders), () -> "orders " + java.util.Arrays.toString(orders));
    }

    /**
     * With the wrong gradient, r(h) = |a h^2 + e h| where e = <g_wrong - g, d>, and the last observed
     * order, at h = 2^-12, leaves [1.8, 2.2] once |e| > 0.18 |a| 2^-12: that is this judge's
     * resolution. A draw where the slip's effect along the random d is below it (about 1 in 3000;
     * finite differences and forward mode still catch those) cannot be rejected by any step range
     * of this judge, so such draws are discarded, e computed from the right gradient.
     */
    @Property(tries = 210)
    void taylorRemainderOfANetworkWithoutBesselsCorrectionShrinksOnlyLikeH(@ForAll("networks") MlpCases.Case c) {
        Assume.that(quadraticTermDominates(c));
        double e = MlpCases.dot(wrong(c), c.d())[0] - MlpCases.dot(manual(c), c.d())[0];
        Assume.that(Math.abs(e) >= Math.abs(quadraticCoefficient(c)) * Math.scalb(1.0, -12));
        assertFalse(allOrdersNearTwo(taylorOrders(c, wrong(c))));
    }

    // ------------------------------------------------------------ inference path

    /**
     * Evaluation mode given the batch's own statistics computes the training forward's logits, with
     * the batchnorm's multiplications in another order: equal within 1e-12 of the logits' scale.
     */
    @Property(tries = 200)
    void evalLogitsWithTheBatchsOwnStatisticsEqualTheTrainingLogits(@ForAll("networks") MlpCases.Case c) {
        Mlp.Forward f = c.forward();
        BatchNorm.Stats stats = f.bn().stats();
        Matrix logits = c.mlp().logits(c.p(), stats, c.Xb());
        double scale = 1 + f.layer2().out().maxAbs();
        assertTrue(logits.maxAbsDiff(f.layer2().out()) <= 1e-12 * scale);
        assertEquals(f.loss(), c.mlp().loss(c.p(), stats, c.Xb(), c.Yb()), 1e-12 * scale);
    }

    @Example
    void evalLogitsAcceptASingleContext() {
        Params p = new Params(Matrix.of(3, 2, 0.1, -0.4, 0.7, 0.2, -0.5, 0.9),
                Matrix.of(4, 2, 0.3, -0.2, 0.5, 0.8, -0.6, 0.1, 0.4, -0.9), Matrix.row(0.05, -0.1),
                Matrix.of(2, 3, 0.2, -0.3, 0.6, -0.7, 0.4, 0.1), Matrix.row(0.0, 0.1, -0.1),
                Matrix.row(1.1, 0.9), Matrix.row(0.05, -0.02));
        Mlp mlp = Mlp.of(p);
        assertEquals(new Mlp(3, 2, 2, 2), mlp);
        BatchNorm.Stats stats = new BatchNorm.Stats(Matrix.row(0.1, -0.2), Matrix.row(0.4, 0.3));
        Matrix logits = mlp.logits(p, stats, IntMatrix.of(1, 2, 0, 2));
        assertEquals(1, logits.rows());
        assertEquals(3, logits.cols());
        assertTrue(logits.isFinite());
    }

    @Example
    void aParameterOfTheWrongShapeIsRejectedNamingIt() {
        Mlp mlp = new Mlp(3, 2, 2, 4);
        Params p = new Params(Matrix.ones(3, 2), Matrix.ones(4, 4), Matrix.ones(1, 4), Matrix.ones(4, 3),
                Matrix.ones(1, 3), Matrix.ones(1, 5), Matrix.ones(1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(p, IntMatrix.of(2, 2, 0, 1, 2, 0), new int[] {0, 1}));
        assertTrue(e.getMessage().contains("bngain is (1, 5)") && e.getMessage().contains("(1, 4)"), e.getMessage());
    }

    @Example
    void contextsOfTheWrongLengthAreRejectedNamingTheShape() {
        Mlp mlp = new Mlp(3, 2, 2, 4);
        Params p = new Params(Matrix.ones(3, 2), Matrix.ones(4, 4), Matrix.ones(1, 4), Matrix.ones(4, 3),
                Matrix.ones(1, 3), Matrix.ones(1, 4), Matrix.ones(1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(p, IntMatrix.of(2, 3, 0, 1, 2, 0, 1, 1), new int[] {0, 1}));
        assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Example
    void aTrainingBatchOfOneIsRejectedNamingTheShape() {
        Mlp mlp = new Mlp(3, 2, 2, 4);
        Params p = new Params(Matrix.ones(3, 2), Matrix.ones(4, 4), Matrix.ones(1, 4), Matrix.ones(4, 3),
                Matrix.ones(1, 3), Matrix.ones(1, 4), Matrix.ones(1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(p, IntMatrix.of(1, 2, 0, 1), new int[] {0}));
        assertTrue(e.getMessage().contains("(1, 4)"), e.getMessage());
    }
}
