package org.backpropninja.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;

/**
 * The notebook's {@code cmp} table on the JVM: for each of the 26 tensors of Exercise 1, in the
 * notebook's order, the staged chain's manual gradient against central finite differences of the
 * loss as a function of that tensor alone (the rest of the forward downstream of it, everything
 * upstream held fixed; see {@link StagedChain.Forward#lossFrom}).
 *
 * <p>One tensor, probs, is compared in relative coordinates: {@code probs = probs0 * (1 + u)},
 * checking {@code dL/du = probs0 * dprobs} at u = 0. Its entries are probabilities of order
 * 1/vocab and below, and it feeds a log; the checker's step is at least 1e-3 in absolute terms,
 * which is not small against p = 0.03: log's fifth derivative 24/p^5 makes the stencil's
 * truncation error h^4 * 24/p^5 / 30, about 3.3e-5 absolute there against a derivative 1/p of 33,
 * that is 0.8 (h/p)^4 relative: 9.9e-7 at p = 0.03, 8.0e-5 at p = 0.01 (8.3e-5 with the series'
 * next term). In relative coordinates
 * the step is 1e-3 of each entry, and the error is back to about 1e-12 -- the tolerance is
 * unchanged.
 */
public final class StagedGradCheck {

    /** Tensors compared in relative coordinates, X = X0 * (1 + u): see the class comment. */
    public static final Set<Tensor> RELATIVE = Set.of(Tensor.PROBS);

    private StagedGradCheck() {
    }

    /** One line of the table: the checker's report for one tensor, and the tolerance it used. */
    public record Row(Tensor tensor, InputReport report, Tolerance tolerance) {
        public boolean passed() {
            return report.passed();
        }

        /** Some element is a real mismatch. */
        public boolean failed() {
            return report.failed();
        }

        /** No element is a mismatch, but some could not be judged by finite differences. */
        public boolean inconclusive() {
            return !report.passed() && !report.failed();
        }

        /**
         * The worst element's |manual - numeric| as a fraction of what the tolerance allows there:
         * below 1 passes; the margin is how far below.
         */
        public double toleranceUsed() {
            double diff = Math.abs(report.worstManual() - report.worstNumeric());
            double scale = Math.max(Math.abs(report.worstManual()), Math.abs(report.worstNumeric()));
            return diff / (tolerance.atol() + tolerance.rtol() * scale);
        }
    }

    /** The 26 rows for one minibatch, in the table's order ({@link Tensor}); the rows are checked in parallel. */
    public static List<Row> rows(Params p, IntMatrix Xb, int[] Yb, Tolerance tol) {
        return rows(p, Xb, Yb, tol, (done, total) -> { });
    }

    /**
     * Told, one call at a time, how many gradient elements of how many are judged: 0 first, then as the
     * loss evaluations go (the stencil takes {@link #EVALUATIONS_PER_ELEMENT} per element; a row's
     * count is exact once it is done), never going back.
     */
    @FunctionalInterface
    public interface Done {
        void elements(long done, long total);
    }

    /** Loss evaluations of the five-point stencil for one element at one step. */
    static final int EVALUATIONS_PER_ELEMENT = 4;

    /**
     * As {@link #rows(Params, IntMatrix, int[], Tolerance)}, telling {@code done} as the elements are
     * judged (for a progress line: with a large batch one row alone takes minutes).
     */
    public static List<Row> rows(Params p, IntMatrix Xb, int[] Yb, Tolerance tol, Done done) {
        StagedChain.Forward f = StagedChain.forward(p, Xb, Yb);
        StagedChain.Grads g = StagedChain.backward(f);
        long total = StagedChain.CMP_ORDER.stream().mapToLong(t -> (long) f.value(t).size()).sum();
        // elements of the finished rows, loss evaluations of the rows under way, the last figure told
        long[] judged = {0, 0, 0};
        done.elements(0, total);
        return StagedChain.CMP_ORDER.parallelStream().map(t -> {
            long[] mine = {0};
            Row r = row(f, t, g.get(t), tol, () -> {
                synchronized (judged) {
                    mine[0]++;
                    judged[1]++;
                    tell(done, judged, Math.min(total - 1, judged[0] + judged[1] / EVALUATIONS_PER_ELEMENT), total);
                }
            });
            synchronized (judged) {
                judged[0] += f.value(t).size();
                judged[1] -= mine[0];
                tell(done, judged, judged[0] == total ? total
                        : Math.min(total - 1, judged[0] + judged[1] / EVALUATIONS_PER_ELEMENT), total);
            }
            return r;
        }).toList();
    }

    /** Tells {@code done} the larger of the estimate and the figure last told, so the count never goes back. */
    private static void tell(Done done, long[] judged, long estimate, long total) {
        judged[2] = Math.max(judged[2], estimate);
        done.elements(judged[2], total);
    }

    /**
     * The row of one tensor for a given gradient {@code dx} of it (the staged chain's, or one to be
     * judged): dx against finite differences of {@link StagedChain.Forward#lossFrom}.
     */
    public static Row row(StagedChain.Forward f, Tensor t, Matrix dx, Tolerance tol) {
        return row(f, t, dx, tol, () -> { });
    }

    /** As {@link #row(StagedChain.Forward, Tensor, Matrix, Tolerance)}, calling {@code evaluated} after each loss evaluation. */
    private static Row row(StagedChain.Forward f, Tensor t, Matrix dx, Tolerance tol, Runnable evaluated) {
        Matrix x0 = f.value(t);
        String name = t.notebookName();
        InputReport r;
        if (RELATIVE.contains(t)) {
            // x = x0 * (1 + u): dL/du = x0 * dL/dx, judged at u = 0
            Matrix u0 = Matrix.zeros(x0.rows(), x0.cols());
            r = GradientChecker.checkGradient(name, List.of(name),
                    in -> counted(f.lossFrom(t, x0.mul(in.get(0).plus(1.0))), evaluated), List.of(u0),
                    List.of(x0.mul(dx)), tol)
                    .input(name);
        } else {
            r = GradientChecker.checkGradient(name, List.of(name), in -> counted(f.lossFrom(t, in.get(0)), evaluated),
                    List.of(x0), List.of(dx), tol).input(name);
        }
        return new Row(t, r, tol);
    }

    private static double counted(double loss, Runnable evaluated) {
        evaluated.run();
        return loss;
    }

    /** The table's header line. */
    public static String header(Tolerance tol) {
        return String.format(Locale.ROOT, "%-15s | %-10s | %-22s | %-11s | %-9s | rtol %.0e atol %.0e",
                "tensor", "shape", "max |manual - numeric|", "max rel err", "tol used", tol.rtol(), tol.atol());
    }

    /**
     * One row as printed: name, shape, max absolute difference, max relative error (over elements
     * whose gradient exceeds atol), the fraction of the tolerance used by the worst element, and the
     * verdict: pass, FAIL (a real mismatch) or inconclusive (no mismatch, but finite differences could
     * not judge some element; the figures are over the elements they could judge).
     */
    public static String format(Row row) {
        InputReport r = row.report();
        return String.format(Locale.ROOT, "%-15s | %-10s | %-22.3e | %-11.3e | %-9.1e | %s",
                row.tensor().notebookName(), r.shape(), r.maxAbsDiff(), r.maxRelError(), row.toleranceUsed(), r.status());
    }

    /**
     * The closing lines: the relative-coordinates note, then how many rows passed, failed or were
     * inconclusive, with the first undecided element of each inconclusive row and why.
     */
    public static List<String> summary(List<Row> rows) {
        long failed = rows.stream().filter(Row::failed).count();
        List<Row> undecided = rows.stream().filter(Row::inconclusive).toList();
        List<String> lines = new ArrayList<>();
        lines.add("probs is compared in relative coordinates, probs = probs0 * (1 + u), so its row is"
                + " dL/du = probs * dprobs: an absolute step of 1e-3 is not small against probabilities");
        if (failed == 0 && undecided.isEmpty()) {
            lines.add("all " + rows.size() + " gradients match finite differences");
        }
        if (failed > 0) {
            lines.add(failed + " of " + rows.size() + " gradients FAIL");
        }
        if (!undecided.isEmpty()) {
            lines.add(undecided.size() + " of " + rows.size() + " gradients inconclusive (no mismatch found, but"
                    + " finite differences could not judge every element):");
            for (Row r : undecided) {
                InputReport x = r.report();
                lines.add(String.format(Locale.ROOT, "  %s: %d of %d elements, first (%d, %d): %s",
                        r.tensor().notebookName(), x.inconclusive(), x.elements(), x.inconclusiveRow(), x.inconclusiveCol(),
                        x.inconclusiveReason()));
            }
        }
        return lines;
    }
}
