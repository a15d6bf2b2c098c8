package org.backpropninja.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backpropninja.check.GradientChecker;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.nn.Params;

/**
 * The notebook's {@code cmp} table on the JVM: for each of the 26 tensors of Exercise 1, in the
 * notebook's order, the staged chain's manual gradient against central finite differences of the
 * loss as a function of that tensor alone (the rest of the forward downstream of it, everything
 * upstream held fixed; see {@link StagedChain.Forward#lossFrom}).
 */
public final class StagedGradCheck {

    private StagedGradCheck() {
    }

    /** One line of the table. */
    public record Row(String name, InputReport report) {
        public boolean passed() {
            return report.passed();
        }
    }

    /** The 26 rows for one minibatch, in {@link StagedChain#CMP_ORDER}. */
    public static List<Row> rows(Params p, IntMatrix Xb, int[] Yb, Tolerance tol) {
        StagedChain.Forward f = StagedChain.forward(p, Xb, Yb);
        StagedChain.Grads g = StagedChain.backward(f);
        List<Row> rows = new ArrayList<>();
        for (String name : StagedChain.CMP_ORDER) {
            InputReport r = GradientChecker.checkGradient(name, List.of(name),
                    in -> f.lossFrom(name, in.get(0)), List.of(f.value(name)), List.of(g.get(name)), tol)
                    .input(name);
            rows.add(new Row(name, r));
        }
        return rows;
    }

    /** The table's header line. */
    public static String header(Tolerance tol) {
        return String.format(Locale.ROOT, "%-15s | %-10s | %-22s | %-14s | rtol %.0e atol %.0e",
                "tensor", "shape", "max |manual - numeric|", "max rel err", tol.rtol(), tol.atol());
    }

    /** One row as printed: name, shape, max absolute difference, max relative error, verdict. */
    public static String format(Row row) {
        InputReport r = row.report();
        return String.format(Locale.ROOT, "%-15s | %-10s | %-22.3e | %-14.3e | %s", row.name(),
                r.shape(), r.maxAbsDiff(), r.maxRelError(), r.passed() ? "pass" : "FAIL");
    }
}
