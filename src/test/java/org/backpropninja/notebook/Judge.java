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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.backpropninja.check.InputReport;
import org.backpropninja.check.Report;
import org.backpropninja.check.Tolerance;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.BatchNormLaws;
import org.backpropninja.nn.CrossEntropyLaws;
import net.jqwik.api.Property;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The workbook's judge (docs/workbook.md): any implementation of {@link Exercises} -- a learner's
 * workbook, the reference, a deliberately wrong one -- judged by the checker and the properties the
 * reference passes, nothing else.
 *
 * <ol>
 *   <li>On the notebook's own first minibatch ({@link NotebookSetup.Config#notebook()}): the table
 *       ({@link JudgeTable}) of the 26 lines of Exercise 1, then dlogits (Exercise 2) and dhprebn
 *       (Exercise 3): the notebook's columns against the reference, finite differences with the
 *       reference's upstream gradients, and each line again as a vector-Jacobian product with random
 *       upstream gradients ({@link LineVjp}). A placeholder is "not yet".
 *   <li>Over generated cases: each exercise's laws ({@link StagedLineLaws}, {@link CrossEntropyLaws},
 *       {@link BatchNormLaws}) on the implementation, through the subclasses below, run by the JUnit
 *       Platform launcher so that jqwik generates and shrinks as in any test run. The laws see only
 *       the gradients written and chosen; when one fails on a gradient, that gradient's smallest case
 *       is recorded and the laws run again without it, so every wrong gradient gets its own shrunk case.
 * </ol>
 *
 * Every call of a learner's gradient goes through {@link LineCall}: a line that recurses or never
 * returns is its own FAIL, and a line that never returned is not called again.
 */
public final class Judge {

    static final Tolerance TOL = Tolerance.DEFAULT;

    /** How long jqwik may shrink one failure: long enough for the seeded cases to reach small sizes. */
    static final int SHRINK_SECONDS = 10;

    /** The law of {@link StagedLineLaws} that chains all 26 lines, and so judges nothing with fewer. */
    static final String CHAIN_LAW = "theWrittenChainGivesTheGradientOfTheLossForAllSevenParameters";

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

    /**
     * One row of the batch table: the exercise (1, 2, 3), the gradient's key, its verdict, the printed
     * row, and whether its line never returned (then no law calls it again).
     */
    public record Line(int exercise, String key, Status status, String text, boolean hung) {
    }

    /** The laws' verdict on one gradient: null message when every law held. */
    public record Outcome(int exercise, String gradient, boolean passedOnBatch, String message) {
        public boolean passed() {
            return message == null;
        }
    }

    /** The key of Exercise 1's line for a tensor: d + its notebook name. */
    static String key(Tensor t) {
        return "d" + t.notebookName();
    }

    /** Every key the judge knows, in the table's order: Exercise 1's 26, then EX2 and EX3. */
    static List<String> allKeys() {
        List<String> keys = new ArrayList<>(StagedChain.CMP_ORDER.stream().map(Judge::key).toList());
        keys.add(EX2);
        keys.add(EX3);
        return keys;
    }

    /** The exercise of a key. */
    static int exerciseOf(String key) {
        return key.equals(EX2) ? 2 : key.equals(EX3) ? 3 : 1;
    }

    /** Judges every gradient of {@code ex}. */
    public static Verdict judge(Exercises ex) {
        return judge(ex, new HashSet<>(allKeys()));
    }

    /** Judges the gradients of {@code ex} named by {@code chosen} (keys as {@link #allKeys}): the batch table, then the laws. */
    public static synchronized Verdict judge(Exercises ex, Set<String> chosen) {
        HUNG.clear();
        List<Line> lines = JudgeTable.rows(guarded(ex), chosen);
        List<Outcome> outcomes = new ArrayList<>();
        Map<Integer, Boolean> ran = new LinkedHashMap<>();
        Class<?>[] laws = {null, Lines.class, Dlogits.class, Dhprebn.class};
        List<String> order = lines.stream().map(Line::key).toList();
        for (int e = 1; e <= 3; e++) {
            final int exercise = e;
            Set<String> written = new HashSet<>();
            Set<String> passedOnBatch = new HashSet<>();
            for (Line l : lines) {
                if (l.exercise() != exercise || l.status() == Status.NOT_YET) {
                    continue;
                }
                if (l.hung()) {
                    outcomes.add(new Outcome(e, l.key(), false, l.key() + " was not judged over generated cases:"
                            + " on the notebook's batch it did not return (see its row)"));
                    continue;
                }
                written.add(l.key());
                if (l.status() == Status.PASS) {
                    passedOnBatch.add(l.key());
                }
            }
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
        }
        outcomes.sort(Comparator.comparingInt(Outcome::exercise)
                .thenComparingInt(o -> order.indexOf(o.gradient())));
        return new Verdict(lines, outcomes, ran);
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

    /** The lines that never returned in this run, by key: not called again, so that one such line holds one thread. */
    private static final Set<String> HUNG = ConcurrentHashMap.newKeySet();

    /** ex with every gradient call through {@link LineCall}. */
    static Exercises guarded(Exercises ex) {
        return only(ex, null);
    }

    /**
     * ex with every gradient but those named by {@code keys} (d + notebook name, EX2, EX3; null for
     * all) a placeholder, and every gradient call through {@link LineCall}.
     */
    static Exercises only(Exercises ex, Set<String> keys) {
        InvocationHandler h = (proxy, m, args) -> {
            String k = keyOf(m);
            if (k != null && keys != null && !keys.contains(k)) {
                return Exercises.NOT_YET;
            }
            if (k == null && m.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, m, args);    // line, chain, layersBackward
            }
            if (k == null) {
                return m.invoke(ex, args);                                 // Object's methods
            }
            if (HUNG.contains(k)) {
                throw new LineCall.Broke("it did not return before (not called again)", "nothing: it did not"
                        + " return before (not called again)", true);
            }
            try {
                return LineCall.call(() -> {
                    try {
                        return m.invoke(ex, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof Error err) {
                            throw err;
                        }
                        throw (Exception) e.getCause();
                    }
                });
            } catch (LineCall.Broke b) {
                if (b.hung()) {
                    HUNG.add(k);
                }
                throw b;
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
        if (lawsClass == Lines.class && !keys.containsAll(StagedChain.CMP_ORDER.stream().map(Judge::key).toList())) {
            // the chain's law judges nothing until all 26 lines are written: not worth generating its cases
            laws.removeIf(m -> m.getName().equals(CHAIN_LAW));
        }
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

    /** The notebook's first minibatch's reference check for Exercise 3, shared by the table. */
    static Report batchNormCheck(Matrix hprebn, Matrix bngain, Matrix bnbias, Matrix dhpreact, Matrix d) {
        BatchNorm.Grads layer = BatchNorm.backward(BatchNorm.forward(hprebn, bngain, bnbias), dhpreact);
        return BatchNormLaws.check(new BatchNormLaws.Case(hprebn, bngain, bnbias, dhpreact),
                (in, G) -> List.of(d, layer.dbngain(), layer.dbnbias()));
    }

    /** The report of a check on one input, or null when the check could not be made. */
    static InputReport first(Report r) {
        return r.invalidReason() == null ? r.inputs().get(0) : null;
    }
}
