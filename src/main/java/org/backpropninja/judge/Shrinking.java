package org.backpropninja.judge;

import java.util.Iterator;
import net.jqwik.api.Shrinkable;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;

/**
 * How {@link Judge#run()} shrinks the first case that did not pass: through jqwik's shrinking
 * candidates, greedily, keeping a candidate with the same outcome and fewer numbers (the values do
 * not shrink, {@link Judge#cases()} says why), until none among the first few hundred does. jqwik
 * does the same inside a property; this is the loop for a run outside one.
 */
final class Shrinking {

    /** Shrinking stops after this many steps, or when no candidate among the first few hundred keeps the outcome. */
    private static final int MAX_SHRINK_STEPS = 300;
    private static final int MAX_CANDIDATES = 200;

    /**
     * A shrunk FAIL must miss by at least this many times the tolerance (or by as much as the case
     * found, if that was less): a relative error of about 1e-2 on a gradient of order one, 1e-4 on
     * one near 0. A smaller shape can show a slip only faintly -- a miss at the absolute floor, where
     * the gradient nearly vanishes -- and such a case tells a reader little.
     */
    private static final double CLEAR = 1e4;

    private Shrinking() {
    }

    static Judgement shrink(String layer, long s, int t, Shrinkable<LayerCase> drawn, Verdict found) {
        Shrinkable<LayerCase> best = drawn;
        Verdict bestVerdict = found;
        int steps = 0;
        while (steps < MAX_SHRINK_STEPS) {
            Shrinkable<LayerCase> next = null;
            Verdict nextVerdict = null;
            int size = elements(best.value());
            Iterator<Shrinkable<LayerCase>> candidates = best.shrink().iterator();
            for (int looked = 0; looked < MAX_CANDIDATES && candidates.hasNext(); looked++) {
                Shrinkable<LayerCase> candidate = candidates.next();
                boolean smaller = elements(candidate.value()) < size;
                if (next != null && !smaller) {
                    continue; // a candidate of the same size is in hand: look on only for a smaller one
                }
                Verdict v = candidate.value().verdict();
                if (v.outcome() == found.outcome() && clarity(v) >= Math.min(CLEAR, clarity(found))) {
                    next = candidate;
                    nextVerdict = v;
                    if (smaller) {
                        break;
                    }
                }
            }
            if (next == null) {
                break;
            }
            best = next;
            bestVerdict = nextVerdict;
            steps++;
        }
        return new Judgement(layer, s, t, found, bestVerdict, steps);
    }

    /**
     * How far a FAIL is past the tolerance: |yours - numeric| / (atol + rtol max(|yours|, |numeric|))
     * at the worst element of each failing input, the largest (1 for any other outcome).
     */
    private static double clarity(Verdict v) {
        if (!v.failed()) {
            return 1;
        }
        Tolerance t = v.report().tolerance();
        return v.report().inputs().stream().filter(InputReport::failed)
                .mapToDouble(r -> Math.abs(r.worstManual() - r.worstNumeric())
                        / t.allowed(r.worstManual(), r.worstNumeric()))
                .filter(x -> !Double.isNaN(x)).max().orElse(Double.POSITIVE_INFINITY);
    }

    /**
     * How many numbers a case holds: shrinking takes the first candidate with fewer, and one with as
     * many (jqwik's other candidates at the same sizes) only when none among those looked at has fewer.
     */
    private static int elements(LayerCase c) {
        return c.inputs().values().stream().mapToInt(Matrix::size).sum()
                + c.indices().values().stream().mapToInt(m -> m.rows() * m.cols()).sum();
    }
}
