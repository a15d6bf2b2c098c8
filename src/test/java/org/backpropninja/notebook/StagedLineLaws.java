package org.backpropninja.notebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.backpropninja.testing.LawFailure;

/**
 * Exercise 1's laws, for any implementation of {@link Exercises}: the reference's
 * ({@link StagedChainProperties}, in every test run) and a learner's workbook (the workbook
 * profile, docs/workbook.md). Each written line, given the reference's gradients of the lines above
 * it, is its tensor's gradient: finite differences of the loss as a function of that tensor, as the
 * gradient table checks them ({@link StagedGradCheck#row}), over generated networks and batches
 * ({@link ChainCase#cases}: batch 2..16, hidden down to one column, vocabularies down to 2 so
 * that embedding rows repeat). And when all 26 are written, the chain of them gives the gradient of
 * the loss for all seven parameters.
 */
public abstract class StagedLineLaws {

    static final Tolerance TOL = Tolerance.DEFAULT;

    /** The implementation judged. */
    protected abstract Exercises exercises();

    @Provide
    Arbitrary<ChainCase> chains() {
        return ChainCase.cases();
    }

    /**
     * The cases on which every row of the gradient table is accurate: {@link ChainCase#seeded} (sizes
     * and value ranges as {@link ChainCase#cases}, values from a seed, so that a failure shrinks to
     * small sizes quickly), with every column's bnvar at least 0.1. The table differentiates in bnvar
     * itself, with the checker's step h = 1e-3; the stencil's relative error for (bnvar + eps)^-0.5 is
     * about 2 (h / bnvar)^4: 2e-4 at bnvar = 0.01 (the reference's own dbnvar then fails) and 2e-8 at
     * 0.1, fifty times under rtol.
     */
    @Provide
    Arbitrary<ChainCase> tableChains() {
        return ChainCase.seeded().filter(StagedLineLaws::stencilAccurateForBnvar);
    }

    static boolean stencilAccurateForBnvar(ChainCase c) {
        Matrix bnvar = StagedChain.forward(c.params(), c.Xb(), c.Yb()).bnvar().out();
        for (int j = 0; j < bnvar.cols(); j++) {
            if (bnvar.get(0, j) < 0.1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Judges one line on one forward: null when it is not written yet or passes, else the failure.
     * The line gets the reference's gradients of the lines above it, so it is judged on its own.
     */
    static AssertionError judgeLine(Exercises ex, StagedChain.Forward f, StagedChain.Grads reference, Tensor t,
                                    String caseText) {
        String name = t.notebookName();
        String gradient = "d" + name;
        String section = t.section().heading();
        Matrix dx;
        try {
            dx = ex.line(t, ForwardValues.of(f), Upstream.before(t, reference));
        } catch (RuntimeException e) {
            return LawFailure.refused(gradient, caseText, LineCall.what(e), section, null);
        }
        if (Exercises.isNotYet(dx)) {
            return null;
        }
        Matrix x = f.value(t);
        if (dx == null || dx.rows() != x.rows() || dx.cols() != x.cols()) {
            return LawFailure.refused(gradient, caseText, "it is " + (dx == null ? "null" : dx.shape()) + " but "
                    + name + " is " + x.shape(), section, null);
        }
        StagedGradCheck.Row row = StagedGradCheck.row(f, t, dx, TOL);
        if (row.passed()) {
            return null;
        }
        Map<String, Matrix> shown = new LinkedHashMap<>();
        shown.put(name, x);
        return LawFailure.of(gradient, caseText, shown, reference.get(t), dx, null, row.report(), TOL, section);
    }

    /**
     * Judges one line as a vector-Jacobian product ({@link LineVjp}): given random gradients {@code g}
     * in every d.* it may read, it must be the gradient of the sum over its users of g * (the user's
     * output). Null when the line is not written yet, reads no upstream (dlogprobs) or passes.
     */
    static AssertionError judgeLineVjp(Exercises ex, StagedChain.Forward f, Tensor t, long seed, String caseText) {
        if (!LineVjp.applies(t)) {
            return null;
        }
        String name = t.notebookName();
        String gradient = "d" + name;
        String section = t.section().heading();
        StagedChain.Grads g = LineVjp.randomUpstream(f, seed);
        ForwardValues v = ForwardValues.of(f);
        String upstream = " with random upstream gradients (seed " + seed + ")";
        Matrix dx;
        try {
            dx = ex.line(t, v, Upstream.before(t, g));
        } catch (RuntimeException e) {
            return LawFailure.refused(gradient, caseText + upstream, LineCall.what(e), section, null);
        }
        if (Exercises.isNotYet(dx)) {
            return null;
        }
        Matrix x = f.value(t);
        if (dx == null || dx.rows() != x.rows() || dx.cols() != x.cols()) {
            return LawFailure.refused(gradient, caseText + upstream, "it is " + (dx == null ? "null" : dx.shape())
                    + " but " + name + " is " + x.shape(), section, null);
        }
        InputReport r = LineVjp.check(f, t, dx, g, TOL);
        if (r.passed()) {
            return null;
        }
        Map<String, Matrix> shown = new LinkedHashMap<>();
        shown.put(name, x);
        shown.putAll(LineVjp.shownUpstream(t, g));
        Matrix expected = ReferenceExercises.INSTANCE.line(t, v, Upstream.before(t, g));
        String users = String.join(" and ", t.users().stream().map(u -> "d" + u.notebookName()).toList())
                + (t.usedTwice() ? " carry " + name + "'s two uses" : " carries " + name + "'s use");
        String message = LawFailure.of(gradient, caseText, shown, expected, dx, null, r, TOL, section).getMessage()
                .replaceFirst("^\\S+ FAILS against finite differences on a generated case",
                        java.util.regex.Matcher.quoteReplacement(gradient + " FAILS as a vector-Jacobian product: given"
                                + " random upstream gradients in every d.* it may read (" + users + "), it is not the gradient of the sum of each upstream times"
                                + " its line's output"));
        return new AssertionError(message);
    }

    /**
     * Every written line, given random upstream gradients in every d.* it may read, is the
     * vector-Jacobian product of the lines that use its tensor: what catches a line that drops a
     * branch whose reference upstream is zero in exact arithmetic ({@link LineVjp}). Its name sorts
     * first, and the judge runs the laws in the order of their names: its shrunk cases, with upstream
     * gradients of order one, show numbers of order one.
     */
    @Property(tries = 50)
    void eachWrittenLineIsTheVectorJacobianProductOfItsUsesForRandomUpstreamGradients(
            @ForAll("tableChains") ChainCase c, @ForAll("upstreamSeeds") long seed) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        Exercises ex = exercises();
        for (Tensor t : StagedChain.CMP_ORDER) {
            AssertionError e = judgeLineVjp(ex, f, t, seed, c.toString());
            if (e != null) {
                throw e;
            }
        }
    }

    @Provide
    Arbitrary<Long> upstreamSeeds() {
        return net.jqwik.api.Arbitraries.longs().between(0, 1L << 40).withoutEdgeCases();
    }

    @Property(tries = 50)
    void everyWrittenLineIsTheGradientOfTheLossAsAFunctionOfItsTensor(@ForAll("tableChains") ChainCase c) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        StagedChain.Grads reference = StagedChain.backward(f);
        Exercises ex = exercises();
        for (Tensor t : StagedChain.CMP_ORDER) {
            AssertionError e = judgeLine(ex, f, reference, t, c.toString());
            if (e != null) {
                throw e;
            }
        }
    }

    private static double loss(ChainCase c, List<Matrix> params) {
        return StagedChain.forward(Params.of(params), c.Xb(), c.Yb()).lossValue();
    }

    /** With every line written, the lines chained as the notebook chains them give all seven parameter gradients. */
    @Property(tries = 100)
    void theWrittenChainGivesTheGradientOfTheLossForAllSevenParameters(@ForAll("chains") ChainCase c) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        ForwardValues v = ForwardValues.of(f);
        Exercises ex = exercises();
        StagedChain.Grads reference = StagedChain.backward(f);
        for (Tensor t : StagedChain.CMP_ORDER) {
            if (Exercises.isNotYet(ex.line(t, v, Upstream.before(t, reference)))) {
                return;                                 // not every line written: nothing to chain
            }
        }
        StagedChain.Grads g = ex.chain(v);
        Report r = GradientChecker.checkGradient("staged chain", Params.NAMES, in -> loss(c, in), c.params().asList(),
                g.params().asList(), TOL);
        if (!r.passed()) {
            throw new AssertionError("the chain of your 26 lines FAILS for the parameters on a generated case\n  case: "
                    + c + "\n  " + r.describe() + "\n  reread docs/derivations.md, section \"Values used twice\"");
        }
    }
}
