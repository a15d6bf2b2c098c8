package org.backpropninja.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.backpropninja.check.InputReport;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.CrossEntropyLaws;

/**
 * The judge's table on the notebook's first minibatch (n 32, hidden 64, vocab 27), one row per
 * gradient: the notebook's own {@code cmp} columns against the reference -- exact, approximate,
 * maxdiff -- then the finite-difference verdict with the reference's upstream gradients, then the
 * line again as a vector-Jacobian product with random upstream gradients ({@link LineVjp}). Each
 * column's unit is one line of {@link #LEGEND}.
 */
final class JudgeTable {

    /** The seed of the random upstream gradients on the notebook's batch. */
    static final long BATCH_SEED = 24;

    /** The notebook's {@code torch.allclose} tolerances: |yours - reference| <= ATOL + RTOL |reference|. */
    static final double ALLCLOSE_RTOL = 1e-5;
    static final double ALLCLOSE_ATOL = 1e-8;

    private static final String FORMAT = "%-20s | %-9s | %-5s | %-6s | %-9s | %-9s | %-6s | %s";

    static final List<String> LEGEND = List.of(
            "exact:   bit for bit the reference's gradient, both given the reference's upstream (the notebook's"
                    + " (dt == t.grad).all())",
            "approx:  every element within 1e-8 + 1e-5 |reference| of it (the notebook's torch.allclose)",
            "maxdiff: the largest |yours - reference|, in the gradient's units: change in loss per unit change of"
                    + " one element",
            "fd:      the largest |yours - finite differences| of the loss as a function of that tensor alone;"
                    + " pass within 1e-8 + 1e-6 |gradient| per element",
            "         (dprobs's fd is of probs * dprobs, loss per relative change of probs: an absolute step of 1e-3"
                    + " is not small against a probability)",
            "random:  the line given random upstream gradients in [-1, 1] in every d.* it may read, against finite"
                    + " differences of their sum times the uses' outputs (- : it reads none)",
            "verdict: pass when fd and random both pass; a wrong shape, a throw, a recursion or a line that"
                    + " does not return in " + LineCall.LIMIT_SECONDS + " s is a FAIL that says so");

    private JudgeTable() {
    }

    static String header() {
        return String.format(Locale.ROOT, FORMAT, "gradient", "shape", "exact", "approx", "maxdiff", "fd", "random",
                "verdict");
    }

    /** The notebook's setup, built once. */
    private static final class Batch {
        static final NotebookSetup SETUP = NotebookSetup.build(NotebookSetup.Config.notebook());
        static final StagedChain.Forward F = StagedChain.forward(SETUP.params(), SETUP.batch().x(),
                SETUP.batch().y());
        static final StagedChain.Grads REFERENCE = StagedChain.backward(F);
        static final StagedChain.Grads RANDOM = LineVjp.randomUpstream(F, BATCH_SEED);
    }

    /** The chosen rows, in the notebook's order, then Exercise 2's row and Exercise 3's; {@code ex} is called as given. */
    static List<Judge.Line> rows(Exercises ex, Set<String> chosen) {
        StagedChain.Forward f = Batch.F;
        ForwardValues v = ForwardValues.of(f);
        List<Judge.Line> lines = new ArrayList<>(StagedChain.CMP_ORDER.parallelStream()
                .filter(t -> chosen.contains(Judge.key(t))).map(t -> lineRow(ex, f, v, t)).toList());

        Matrix logits = f.value(Tensor.LOGITS);
        int[] yb = f.Yb();
        if (chosen.contains(Judge.EX2)) {
            lines.add(judged(2, Judge.EX2, logits, ReferenceExercises.INSTANCE.dlogits(logits, yb),
                    () -> ex.dlogits(logits, yb), d -> Judge.first(CrossEntropyLaws.check(logits, yb, d)),
                    null, null));
        }
        if (chosen.contains(Judge.EX3)) {
            Matrix hprebn = f.value(Tensor.HPREBN);
            Matrix bngain = f.params().bngain();
            Matrix bnbias = f.params().bnbias();
            Matrix dhpreact = Batch.REFERENCE.get(Tensor.HPREACT);
            SplittableRandom r = new SplittableRandom(BATCH_SEED);
            Matrix g = Matrix.generate(dhpreact.rows(), dhpreact.cols(), (i, j) -> r.nextDouble(-1.0, 1.0));
            lines.add(judged(3, Judge.EX3, hprebn, ReferenceExercises.INSTANCE.dhprebn(hprebn, bngain, dhpreact),
                    () -> ex.dhprebn(hprebn, bngain, dhpreact),
                    d -> Judge.first(Judge.batchNormCheck(hprebn, bngain, bnbias, dhpreact, d)),
                    () -> ex.dhprebn(hprebn, bngain, g),
                    d -> Judge.first(Judge.batchNormCheck(hprebn, bngain, bnbias, g, d))));
        }
        return lines;
    }

    private static Judge.Line lineRow(Exercises ex, StagedChain.Forward f, ForwardValues v, Tensor t) {
        Supplier<Matrix> random = null;
        Function<Matrix, InputReport> randomCheck = null;
        if (LineVjp.applies(t)) {
            random = () -> ex.line(t, v, Upstream.before(t, Batch.RANDOM));
            randomCheck = d -> LineVjp.check(f, t, d, Batch.RANDOM, Judge.TOL);
        }
        return judged(1, Judge.key(t), f.value(t), Batch.REFERENCE.get(t),
                () -> ex.line(t, v, Upstream.before(t, Batch.REFERENCE)),
                d -> StagedGradCheck.row(f, t, d, Judge.TOL).report(), random, randomCheck);
    }

    /**
     * One row: the gradient given the reference's upstream against the reference and finite
     * differences, then (when {@code random} is given) given random upstream against finite differences.
     */
    private static Judge.Line judged(int exercise, String key, Matrix x, Matrix reference, Supplier<Matrix> grad,
                                     Function<Matrix, InputReport> fd, Supplier<Matrix> random,
                                     Function<Matrix, InputReport> randomCheck) {
        Matrix d;
        try {
            d = grad.get();
        } catch (RuntimeException e) {
            boolean hung = e instanceof LineCall.Broke b && b.hung();
            return new Judge.Line(exercise, key, Judge.Status.FAIL, refused(key, LineCall.what(e)), hung);
        }
        if (Exercises.isNotYet(d)) {
            return new Judge.Line(exercise, key, Judge.Status.NOT_YET, String.format(Locale.ROOT, FORMAT, key, "", "",
                    "", "", "", "", "not yet"), false);
        }
        String wrongShape = wrongShape(d, x);
        if (wrongShape != null) {
            return new Judge.Line(exercise, key, Judge.Status.FAIL, refused(key, wrongShape), false);
        }
        InputReport r = fd.apply(d);
        String randomVerdict = "-";
        boolean randomPassed = true;
        if (random != null) {
            randomVerdict = randomVerdict(random, randomCheck, x);
            randomPassed = randomVerdict.equals("pass");
        }
        boolean passed = r != null && r.passed() && randomPassed;
        String fdText = r == null ? "no check" : String.format(Locale.ROOT, "%.3e", r.maxAbsDiff());
        String verdict = passed ? "pass" : r == null ? "FAIL: the check could not be made (non-finite values)"
                : !r.passed() ? "FAIL" : "FAIL: right for the reference's upstream only (see random)";
        return new Judge.Line(exercise, key, passed ? Judge.Status.PASS : Judge.Status.FAIL,
                String.format(Locale.ROOT, FORMAT, key, d.shape(), exact(d, reference) ? "True" : "False",
                        approx(d, reference) ? "True" : "False", String.format(Locale.ROOT, "%.3e",
                                maxdiff(d, reference)), fdText, randomVerdict, verdict), false);
    }

    private static String randomVerdict(Supplier<Matrix> random, Function<Matrix, InputReport> check, Matrix x) {
        Matrix d;
        try {
            d = random.get();
        } catch (RuntimeException e) {
            return "FAIL";
        }
        if (Exercises.isNotYet(d) || wrongShape(d, x) != null) {
            return "FAIL";
        }
        InputReport r = check.apply(d);
        return r != null && r.passed() ? "pass" : "FAIL";
    }

    private static String wrongShape(Matrix d, Matrix x) {
        if (d == null) {
            return "it returned null";
        }
        if (d.rows() != x.rows() || d.cols() != x.cols()) {
            return "it is " + d.shape() + " but must be " + x.shape();
        }
        return null;
    }

    private static String refused(String key, String why) {
        return String.format(Locale.ROOT, FORMAT, key, "", "", "", "", "", "", "FAIL: " + why);
    }

    /** The notebook's exact: every element equal (-0.0 equals 0.0, NaN equals nothing). */
    static boolean exact(Matrix d, Matrix reference) {
        double[] a = d.toArray();
        double[] b = reference.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] == b[i])) {
                return false;
            }
        }
        return true;
    }

    /** The notebook's torch.allclose(dt, t.grad). */
    static boolean approx(Matrix d, Matrix reference) {
        double[] a = d.toArray();
        double[] b = reference.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= ALLCLOSE_ATOL + ALLCLOSE_RTOL * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The notebook's maxdiff: the largest |yours - reference|; NaN when either has one. */
    static double maxdiff(Matrix d, Matrix reference) {
        double[] a = d.toArray();
        double[] b = reference.toArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            if (Double.isNaN(diff)) {
                return Double.NaN;
            }
            max = Math.max(max, diff);
        }
        return max;
    }
}
