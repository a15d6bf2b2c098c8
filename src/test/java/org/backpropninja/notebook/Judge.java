package org.backpropninja.notebook;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.BatchNormLaws;
import org.backpropninja.nn.CrossEntropyLaws;
import net.jqwik.api.Property;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The workbook's judge (docs/workbook.md): any implementation of {@link Exercises} -- a learner's
 * workbook, the reference, a deliberately wrong one -- judged by the checker and the properties the
 * reference passes, nothing else.
 *
 * <ol>
 *   <li>On the notebook's own first minibatch ({@link NotebookSetup.Config#notebook()}): the table
 *       of the 26 lines of Exercise 1, each given the reference's gradients of the lines above it
 *       ({@link StagedGradCheck#row}), then dlogits (Exercise 2) and dhprebn (Exercise 3) against the
 *       same checks their laws make. A placeholder is "not yet".
 *   <li>Over generated cases: each exercise's laws ({@link StagedLineLaws}, {@link CrossEntropyLaws},
 *       {@link BatchNormLaws}) on the implementation, through the subclasses below, run by the JUnit
 *       Platform launcher so that jqwik generates and shrinks as in any test run. The laws see only the gradients written; when one fails on a gradient, that
 *       gradient's smallest case is recorded and the laws run again without it, so every wrong
 *       gradient gets its own shrunk case.
 * </ol>
 */
public final class Judge {

    static final Tolerance TOL = Tolerance.DEFAULT;

    /** How long jqwik may shrink one failure: long enough for the seeded cases to reach small sizes. */
    static final int SHRINK_SECONDS = 10;

    /** The name of Exercise 2's gradient and Exercise 3's, beside Exercise 1's notebook names. */
    static final String EX2 = "dlogits (Exercise 2)";
    static final String EX3 = "dhprebn (Exercise 3)";

    /** The implementation the laws now running judge, and the gradients they may see; null outside a judge run. */
    private static volatile Focus judging;

    private record Focus(Exercises ex, Set<String> keys) {
    }

    /** Exercise 1's laws on the implementation being judged. */
    public static final class Lines extends StagedLineLaws {
        @Override
        protected Exercises exercises() {
            return current();
        }
    }

    /** Exercise 2's laws on the implementation being judged. */
    public static final class Dlogits extends CrossEntropyLaws {
        @Override
        protected Exercises exercises() {
            return current();
        }
    }

    /** Exercise 3's laws on the implementation being judged. */
    public static final class Dhprebn extends BatchNormLaws {
        @Override
        protected Exercises exercises() {
            return current();
        }
    }

    private Judge() {
    }

    /** How a gradient fared on the notebook's batch. */
    public enum Status { NOT_YET, PASS, FAIL }

    /** One row of the batch table: the exercise (1, 2, 3), the gradient's key, its verdict and the printed row. */
    public record Line(int exercise, String key, Status status, String text) {
    }

    /** The laws' verdict on one gradient: null message when every law held. */
    public record Outcome(int exercise, String gradient, boolean passedOnBatch, String message) {
        public boolean passed() {
            return message == null;
        }
    }

    /** The whole judgement and its printed form. */
    public record Verdict(List<Line> lines, List<Outcome> outcomes, Map<Integer, Boolean> lawsRan) {

        public long count(Status s) {
            return lines.stream().filter(l -> l.status() == s).count();
        }

        /** Whether every written gradient passed on the batch and over the generated cases. */
        public boolean passed() {
            return count(Status.FAIL) == 0 && outcomes.stream().allMatch(Outcome::passed);
        }

        public String render() {
            List<String> out = new ArrayList<>();
            String[] titles = {"", "Exercise 1: the staged chain's 26 gradients (each line given the reference's"
                    + " gradients of the lines above it)", "Exercise 2: dlogits of the fused cross-entropy",
                    "Exercise 3: dhprebn of the fused batchnorm"};
            for (int ex = 1; ex <= 3; ex++) {
                final int e = ex;
                out.add("");
                out.add(titles[ex]);
                out.add("  on the notebook's first minibatch (n 32, hidden 64, vocab 27):");
                out.add("  " + header());
                lines.stream().filter(l -> l.exercise() == e).forEach(l -> out.add("  " + l.text()));
                List<Outcome> mine = outcomes.stream().filter(o -> o.exercise() == e).toList();
                if (!lawsRan.getOrDefault(e, false)) {
                    out.add("  over generated cases: nothing written yet");
                    continue;
                }
                out.add("  over generated cases (the laws the reference passes):");
                for (Outcome o : mine) {
                    if (o.passed()) {
                        out.add("    " + o.gradient() + ": pass");
                        continue;
                    }
                    out.add("    " + o.gradient() + ": FAIL" + (o.passedOnBatch()
                            ? " -- it passes on the notebook's batch but FAILS on the generated case below: right"
                            + " for that one batch, wrong in general"
                            : " -- the smallest failing case jqwik found:"));
                    for (String s : o.message().split("\n")) {
                        out.add("      " + s);
                    }
                }
            }
            out.add("");
            out.add(String.format(Locale.ROOT, "summary: %d pass, %d FAIL, %d not yet on the notebook's batch; %d of %d"
                            + " judged over generated cases FAIL", count(Status.PASS), count(Status.FAIL),
                    count(Status.NOT_YET), outcomes.stream().filter(o -> !o.passed()).count(), outcomes.size()));
            return String.join("\n", out);
        }
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-20s | %-10s | %-22s | %-11s | %s", "gradient", "shape",
                "max |yours - numeric|", "max rel err", "verdict");
    }

    private static String row(String key, InputReport r) {
        return String.format(Locale.ROOT, "%-20s | %-10s | %-22.3e | %-11.3e | %s", key, r.shape(), r.maxAbsDiff(),
                r.maxRelError(), r.passed() ? "pass" : "FAIL");
    }

    private static String refusedRow(String key, String why) {
        return String.format(Locale.ROOT, "%-20s | %-10s | %-22s | %-11s | FAIL: %s", key, "", "", "", why);
    }

    private static String notYetRow(String key) {
        return String.format(Locale.ROOT, "%-20s | %-10s | %-22s | %-11s | not yet", key, "", "", "");
    }

    /** The notebook's setup, built once. */
    private static final class Batch {
        static final NotebookSetup SETUP = NotebookSetup.build(NotebookSetup.Config.notebook());
        static final StagedChain.Forward F = StagedChain.forward(SETUP.params(), SETUP.batch().x(),
                SETUP.batch().y());
        static final StagedChain.Grads REFERENCE = StagedChain.backward(F);
    }

    /** The key of Exercise 1's line for a tensor: d + its notebook name. */
    static String key(Tensor t) {
        return "d" + t.notebookName();
    }

    /** The batch table, in the notebook's order, then Exercise 2's row and Exercise 3's. */
    public static List<Line> batchTable(Exercises ex) {
        StagedChain.Forward f = Batch.F;
        StagedChain.Grads ref = Batch.REFERENCE;
        ForwardValues v = ForwardValues.of(f);
        List<Line> lines = new ArrayList<>(StagedChain.CMP_ORDER.parallelStream().map(t -> {
            Matrix x = f.value(t);
            Matrix dx;
            try {
                dx = ex.line(t, v, Upstream.before(t, ref));
            } catch (RuntimeException e) {
                return new Line(1, key(t), Status.FAIL, refusedRow(key(t), "it threw " + e));
            }
            return judgedRow(1, key(t), x, dx, () -> StagedGradCheck.row(f, t, dx, TOL).report());
        }).toList());

        Matrix logits = f.value(Tensor.LOGITS);
        int[] yb = f.Yb();
        lines.add(judgedOnBatch(2, EX2, logits, () -> ex.dlogits(logits, yb),
                d -> CrossEntropyLaws.check(logits, yb, d)));

        Matrix hprebn = f.value(Tensor.HPREBN);
        Matrix bngain = f.params().bngain();
        Matrix bnbias = f.params().bnbias();
        Matrix dhpreact = ref.get(Tensor.HPREACT);
        BatchNorm.Grads layer = BatchNorm.backward(BatchNorm.forward(hprebn, bngain, bnbias), dhpreact);
        lines.add(judgedOnBatch(3, EX3, hprebn, () -> ex.dhprebn(hprebn, bngain, dhpreact),
                d -> BatchNormLaws.check(new BatchNormLaws.Case(hprebn, bngain, bnbias, dhpreact),
                        (in, G) -> List.of(d, layer.dbngain(), layer.dbnbias()))));
        return lines;
    }

    private static Line judgedOnBatch(int exercise, String key, Matrix x, java.util.function.Supplier<Matrix> grad,
                                      java.util.function.Function<Matrix, Report> check) {
        Matrix d;
        try {
            d = grad.get();
        } catch (RuntimeException e) {
            return new Line(exercise, key, Status.FAIL, refusedRow(key, "it threw " + e));
        }
        return judgedRow(exercise, key, x, d, () -> {
            Report r = check.apply(d);
            return r.invalidReason() == null ? r.inputs().get(0) : null;
        });
    }

    private static Line judgedRow(int exercise, String key, Matrix x, Matrix dx,
                                  java.util.function.Supplier<InputReport> check) {
        if (Exercises.isNotYet(dx)) {
            return new Line(exercise, key, Status.NOT_YET, notYetRow(key));
        }
        if (dx == null || dx.rows() != x.rows() || dx.cols() != x.cols()) {
            return new Line(exercise, key, Status.FAIL, refusedRow(key, "it is " + (dx == null ? "null" : dx.shape())
                    + " but must be " + x.shape()));
        }
        InputReport r = check.get();
        if (r == null) {
            return new Line(exercise, key, Status.FAIL,
                    refusedRow(key, "the check could not be made (non-finite values)"));
        }
        return new Line(exercise, key, r.passed() ? Status.PASS : Status.FAIL, row(key, r));
    }

    /**
     * The implementation being judged as the laws now running must see it: only the gradients being
     * judged written, the others placeholders.
     */
    static Exercises current() {
        Focus f = judging;
        if (f == null) {
            throw new IllegalStateException("the judge's laws run only inside Judge.judge");
        }
        return only(f.ex(), f.keys());
    }

    /** ex with every gradient but those named by {@code keys} (d + notebook name, EX2, EX3) a placeholder. */
    static Exercises only(Exercises ex, Set<String> keys) {
        InvocationHandler h = (proxy, m, args) -> {
            String k = keyOf(m);
            if (k != null && !keys.contains(k)) {
                return Exercises.NOT_YET;
            }
            if (k == null && m.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, m, args);    // line, chain, layersBackward
            }
            try {
                return m.invoke(ex, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Exercises) Proxy.newProxyInstance(Exercises.class.getClassLoader(),
                new Class<?>[] {Exercises.class}, h);
    }

    /** The key of a gradient method: d + notebook name for Exercise 1's lines, EX2, EX3; null for others. */
    private static String keyOf(Method m) {
        Class<?>[] p = m.getParameterTypes();
        if (p.length == 2 && p[0] == ForwardValues.class) {
            for (Tensor t : StagedChain.CMP_ORDER) {
                if (m.getName().equals(t.gradientName())) {
                    return key(t);
                }
            }
        }
        if (m.getName().equals("dlogits") && p.length == 2 && p[1] == int[].class) {
            return EX2;
        }
        if (m.getName().equals("dhprebn") && p.length == 3) {
            return EX3;
        }
        return null;
    }

    /** Judges {@code ex}: the batch table, then each exercise's laws for its written gradients. */
    public static synchronized Verdict judge(Exercises ex) {
        List<Line> lines = batchTable(ex);
        List<Outcome> outcomes = new ArrayList<>();
        Map<Integer, Boolean> ran = new LinkedHashMap<>();
        Class<?>[] laws = {null, Lines.class, Dlogits.class, Dhprebn.class};
        for (int e = 1; e <= 3; e++) {
            final int exercise = e;
            Set<String> written = new HashSet<>();
            Set<String> passedOnBatch = new HashSet<>();
            lines.stream().filter(l -> l.exercise() == exercise && l.status() != Status.NOT_YET).forEach(l -> {
                written.add(l.key());
                if (l.status() == Status.PASS) {
                    passedOnBatch.add(l.key());
                }
            });
            ran.put(e, !written.isEmpty());
            Set<String> left = new HashSet<>(written);
            while (!left.isEmpty()) {
                String failure = runLaws(ex, laws[e], left);
                if (failure == null) {
                    break;
                }
                String blamed = blamed(failure, left);
                outcomes.add(new Outcome(e, blamed == null ? String.join(", ", left) : blamed,
                        blamed != null && passedOnBatch.contains(blamed), failure));
                if (blamed == null) {
                    left.clear();           // a law no single gradient is named in: stop here
                } else {
                    left.remove(blamed);
                }
            }
            for (String k : left) {
                outcomes.add(new Outcome(e, k, passedOnBatch.contains(k), null));
            }
            // the order of the batch table
            List<String> order = lines.stream().map(Line::key).toList();
            outcomes.sort((a, b) -> a.exercise() != b.exercise() ? Integer.compare(a.exercise(), b.exercise())
                    : Integer.compare(order.indexOf(a.gradient()), order.indexOf(b.gradient())));
        }
        return new Verdict(lines, outcomes, ran);
    }

    /** The gradient a law's failure message starts with, if it is one of {@code keys}. */
    private static String blamed(String message, Set<String> keys) {
        String first = message.split(" ", 2)[0];
        if (keys.contains(first)) {
            return first;
        }
        for (String k : keys) {
            if (k.startsWith(first + " ")) {
                return k;                    // "dlogits" for "dlogits (Exercise 2)"
            }
        }
        return null;
    }

    /**
     * Runs the laws of one class on ex with only {@code keys} written, one property at a time in the
     * order of their names, and stops at the first that fails: its message (jqwik's shrunk case), or
     * null. jqwik reports through the platform only (nothing printed), and shrinks for at most
     * {@link #SHRINK_SECONDS} per failure.
     */
    private static String runLaws(Exercises ex, Class<?> lawsClass, Set<String> keys) {
        List<Method> laws = new ArrayList<>();
        for (Class<?> c = lawsClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Property.class)) {
                    laws.add(m);
                }
            }
        }
        laws.sort(Comparator.comparing(Method::getName));
        judging = new Focus(ex, Set.copyOf(keys));
        try {
            Launcher launcher = LauncherFactory.create();
            for (Method law : laws) {
                List<String> failures = new ArrayList<>();
                int[] finished = {0};
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectMethod(lawsClass, law))
                        .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                        .configurationParameter("jqwik.shrinking.bounded.seconds", Integer.toString(SHRINK_SECONDS))
                        .build();
                launcher.execute(request, new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        finished[0] += id.isTest() ? 1 : 0;
                        if (id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            Throwable t = result.getThrowable().orElse(null);
                            failures.add(t == null ? id.getDisplayName() + " did not succeed" : message(t));
                        }
                    }
                });
                if (finished[0] != 1) {
                    // a law that did not run must not count as passed
                    throw new IllegalStateException("the judge ran " + finished[0] + " tests for the law " + law);
                }
                if (!failures.isEmpty()) {
                    return failures.get(0);
                }
            }
            return null;
        } finally {
            judging = null;
        }
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return t instanceof AssertionError && m != null ? m : t.toString();
    }
}
