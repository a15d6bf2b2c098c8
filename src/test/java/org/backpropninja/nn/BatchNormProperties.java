package org.backpropninja.nn;

import static org.backpropninja.testing.Verdicts.assertRejected;
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
import org.backpropninja.matrix.Shape;
import org.backpropninja.notebook.Exercises;
import org.backpropninja.notebook.ReferenceExercises;
import org.backpropninja.testing.WrongBackwards;
import org.backpropninja.testing.MatrixArbitraries;
import org.backpropninja.testing.NnArbitraries;

/**
 * The fused batchnorm: its closed-form backward against finite differences (the inherited laws of
 * Exercise 3, {@link BatchNormLaws}, with the layer's own dx), invariants and edge cases.
 */
class BatchNormProperties extends BatchNormLaws {

    /** dhprebn through the interface is the layer's own dx ({@link ReferenceExercises#dhprebn}). */
    @Override
    protected Exercises exercises() {
        return ReferenceExercises.INSTANCE;
    }

    /** Smaller batches for the rejection property, whose point is not size. */
    @Provide
    Arbitrary<Case> smallBatches() {
        return cases(2, 8, 8);
    }

    @Property(tries = 200)
    void droppingBesselsCorrectionInTheBackwardIsRejected(@ForAll("smallBatches") Case c) {
        assertRejected(check(c, WrongBackwards::besselDropped));
    }

    /**
     * Per feature j, with S = sum_i G_ij bnraw_ij: sum_i dx_ij = 0 (the output ignores a shift of x)
     * and sum_i dx_ij bnraw_ij = bngain_j bnvar_inv_j S_j eps / (bnvar_j + eps) (the output would
     * ignore a rescaling of x about its mean but for eps; with eps = 0 this sum is 0 too). Bound:
     * 8 n ulps of the sum of the absolute values of every term entering the sum: each term carries
     * a few roundings and the n-term sum adds at most n more (over 2000 random cases the worst
     * observed was 0.9 n ulps for the first sum and 2.5 n ulps for the second).
     */
    @Property(tries = 200)
    void columnSumsOfDxAndDxTimesBnrawVanishUpToEps(@ForAll("batches") Case c) {
        BatchNorm.Forward f = BatchNorm.forward(c.x(), c.bngain(), c.bnbias());
        Matrix dx = BatchNorm.backward(f, c.G()).dx();
        int n = c.x().rows();
        double eps = Math.ulp(1.0);
        for (int j = 0; j < c.x().cols(); j++) {
            double gain = c.bngain().get(0, j);
            double inv = f.bnvarInv().get(0, j);
            double var = f.stats().var().get(0, j);
            double colG = 0;
            double S = 0;
            for (int i = 0; i < n; i++) {
                colG += c.G().get(i, j);
                S += c.G().get(i, j) * f.bnraw().get(i, j);
            }
            double sumDx = 0;
            double sumDxRaw = 0;
            double scale = 0;
            double scaleRaw = 0;
            for (int i = 0; i < n; i++) {
                double raw = f.bnraw().get(i, j);
                double terms = Math.abs(gain * inv / n) * (n * Math.abs(c.G().get(i, j)) + Math.abs(colG)
                        + n / (n - 1.0) * Math.abs(raw * S));
                sumDx += dx.get(i, j);
                sumDxRaw += dx.get(i, j) * raw;
                scale += terms;
                scaleRaw += terms * Math.abs(raw);
            }
            double leak = gain * inv * S * BatchNorm.EPS / (var + BatchNorm.EPS);
            assertTrue(Math.abs(sumDx) <= 8 * n * eps * scale,
                    "feature " + j + ": sum of dx " + sumDx + " vs bound " + 8 * n * eps * scale);
            assertTrue(Math.abs(sumDxRaw - leak) <= 8 * n * eps * (scaleRaw + Math.abs(leak)),
                    "feature " + j + ": sum of dx*bnraw " + sumDxRaw + " vs eps leak " + leak);
        }
    }

    /**
     * A column that is constant (variance exactly 0) or nearly so (variance ~1e-7, far below eps):
     * the gradient must be finite, and must match finite differences where eps keeps the map smooth.
     * There the map's curvature scale in x is sqrt(eps) ~ 3e-3, comparable to the checker's step
     * 1e-3 * max(1, |x|), so the check is made in rescaled coordinates: x = base + s u with s = 1e-3
     * and the checker differentiating in u. Its step in x is then 1e-6, three thousand times inside
     * the smooth region; the manual gradient in u is s * dx by the chain rule. Columns chosen by
     * {@code constantMask} have u = 0 there: x exactly constant at the point of the check.
     */
    @Property(tries = 200)
    void constantAndNearConstantColumnsHaveFiniteGradientsMatchingRescaledDifferences(
            @ForAll("nearConstant") NearConstant c) {
        double s = 1e-3;
        Matrix base = c.levels().add(Matrix.zeros(c.u().rows(), 1));            // every row = levels
        GradientChecker.Forward f = in -> BatchNorm.forward(base.add(in.get(0).scale(s)), in.get(1), in.get(2)).out();
        Matrix x = base.add(c.u().scale(s));
        BatchNorm.Grads g = BatchNorm.backward(BatchNorm.forward(x, c.bngain(), c.bnbias()), c.G());
        assertTrue(g.dx().isFinite() && g.dbngain().isFinite() && g.dbnbias().isFinite());
        GradientChecker.checkVjp("BatchNorm near-constant", f,
                (in, G) -> List.of(g.dx().scale(s), g.dbngain(), g.dbnbias()),
                List.of(c.u(), c.bngain(), c.bnbias()), c.G(), Tolerance.DEFAULT).assertPassed();
    }

    /** levels (1, h) in [-2, 2]; u (n, h) in [-1, 1] with some columns zeroed. */
    record NearConstant(Matrix levels, Matrix u, Matrix bngain, Matrix bnbias, Matrix G) {
    }

    @Provide
    Arbitrary<NearConstant> nearConstant() {
        return Combinators.combine(Arbitraries.integers().between(2, 16), Arbitraries.integers().between(1, 24))
                .as(Shape::new)
                .flatMap(sh -> Combinators.combine(
                        MatrixArbitraries.matrix(new Shape(1, sh.cols()), -2, 2),
                        MatrixArbitraries.matrix(new Shape(sh.rows(), sh.cols()), -1, 1),
                        Arbitraries.of(true, false).list().ofSize(sh.cols()),
                        MatrixArbitraries.awayFromZero(new Shape(1, sh.cols()), 0.5, 1.5),
                        MatrixArbitraries.matrix(new Shape(1, sh.cols()), -1, 1),
                        MatrixArbitraries.upstream(new Shape(sh.rows(), sh.cols())))
                        .as((levels, u, mask, gain, bias, G) -> new NearConstant(levels,
                                Matrix.generate(u.rows(), u.cols(), (i, j) -> mask.get(j) ? 0.0 : u.get(i, j)),
                                gain, bias, G)));
    }

    @Property(tries = 200)
    void evalModeWithTheBatchsOwnStatisticsEqualsTrainingMode(@ForAll("batches") Case c) {
        BatchNorm.Forward f = BatchNorm.forward(c.x(), c.bngain(), c.bnbias());
        Matrix eval = BatchNorm.eval(c.x(), c.bngain(), c.bnbias(), f.stats());
        // Same operations, multiplied in a different order: a few roundings of the largest term.
        double bound = 8 * Math.ulp(1.0) * (f.out().maxAbs() + c.bngain().maxAbs() * f.bnraw().maxAbs());
        assertTrue(eval.maxAbsDiff(f.out()) <= bound, eval.maxAbsDiff(f.out()) + " > " + bound);
    }

    @Example
    void evalModeAcceptsASingleRow() {
        Matrix x = Matrix.row(0.3, -1.2);
        BatchNorm.Stats stats = new BatchNorm.Stats(Matrix.row(0.1, -0.4), Matrix.row(0.5, 2.0));
        Matrix out = BatchNorm.eval(x, Matrix.row(1.1, 0.9), Matrix.row(0.05, -0.2), stats);
        double expected0 = 1.1 * (0.3 - 0.1) / Math.sqrt(0.5 + 1e-5) + 0.05;
        assertTrue(Math.abs(out.get(0, 0) - expected0) <= 1e-15);
    }

    @Example
    void aBatchOfOneIsRejectedNamingTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forward(Matrix.row(0.3, -1.2, 0.7), Matrix.ones(1, 3), Matrix.zeros(1, 3)));
        assertTrue(e.getMessage().contains("(1, 3)") && e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Example
    void aGainOfTheWrongWidthIsRejectedNamingBothShapes() {
        Matrix x = Matrix.of(2, 3, 0.1, 0.5, -0.3, 0.9, -0.8, 0.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forward(x, Matrix.ones(1, 4), Matrix.zeros(1, 3)));
        assertTrue(e.getMessage().contains("(1, 4)") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }

    @Example
    void anUpstreamGradientOfTheWrongShapeIsRejected() {
        Matrix x = Matrix.of(2, 3, 0.1, 0.5, -0.3, 0.9, -0.8, 0.2);
        BatchNorm.Forward f = BatchNorm.forward(x, Matrix.ones(1, 3), Matrix.zeros(1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.backward(f, Matrix.ones(3, 2)));
        assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }
}
