package org.backpropninja.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The judge on the learner's workbook, from the command line (docs/workbook.md):
 *
 * <pre>
 *   mvn -q -Pworkbook test [-Dline=dprobs | -Dexercise=3 | -Dhint=dprobs[:2]]   the first time, and CI
 *   java @target/judge [--line dprobs | --exercise 3 | --hint dprobs[:2]]      the fast loop after it
 * </pre>
 *
 * Compiles src/workbook alone when it changed ({@link WorkbookSource}), judges the chosen gradients
 * (all by default), prints the report with its summary line last, and exits 0 when no written
 * gradient fails, 1 when one does, 2 when it could not judge (bad arguments, a workbook that does
 * not compile).
 */
public final class WorkbookJudge {

    /** jqwik's logger, held so that its level holds: the judge prints only its report. */
    private static final Logger JQWIK = Logger.getLogger("net.jqwik");

    private WorkbookJudge() {
    }

    /** The options, from the arguments or else the system properties of the same names. */
    record Options(String line, String exercise, String hint) {

        static Options parse(String[] args) {
            String line = System.getProperty("line");
            String exercise = System.getProperty("exercise");
            String hint = System.getProperty("hint");
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!List.of("--line", "--exercise", "--hint").contains(a)) {
                    throw new IllegalArgumentException("unknown argument " + a + ": the judge takes --line NAME,"
                            + " --exercise N or --hint NAME[:RUNG]");
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String value = args[++i];
                switch (a) {
                    case "--line" -> line = value;
                    case "--exercise" -> exercise = value;
                    default -> hint = value;
                }
            }
            if (line != null && exercise != null) {
                throw new IllegalArgumentException("choose a line or an exercise, not both");
            }
            return new Options(blankToNull(line), blankToNull(exercise), blankToNull(hint));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    /** The key of the judge for a line's name as the learner writes it: dprobs, probs, dcountsSumInv, dcounts_sum_inv. */
    static String keyOf(String name) {
        for (Tensor t : Tensor.values()) {
            if (name.equals(Judge.key(t)) || name.equals(t.gradientName()) || name.equals(t.notebookName())
                    || name.equals(t.javaName())) {
                return Judge.key(t);
            }
        }
        throw new IllegalArgumentException("no line named " + name + ": the lines are "
                + String.join(", ", StagedChain.CMP_ORDER.stream().map(Judge::key).toList())
                + " (Exercises 2 and 3: --exercise 2, --exercise 3)");
    }

    /** The keys chosen by the options: one line, one exercise, or all. */
    static Set<String> chosen(Options o) {
        if (o.line() != null) {
            return Set.of(keyOf(o.line()));
        }
        if (o.exercise() != null) {
            return switch (o.exercise()) {
                case "1" -> new HashSet<>(StagedChain.CMP_ORDER.stream().map(Judge::key).toList());
                case "2" -> Set.of(Judge.EX2);
                case "3" -> Set.of(Judge.EX3);
                case "4" -> throw new IllegalArgumentException("Exercise 4 trains rather than judges: run it as"
                        + " docs/workbook.md says (mvn -q -Pworkbook test-compile exec:java)");
                default -> throw new IllegalArgumentException("no exercise " + o.exercise() + ": the judge judges"
                        + " exercises 1, 2 and 3");
            };
        }
        return new HashSet<>(Judge.allKeys());
    }

    /** The hint asked for: rung k (1 by default) of the line's ladder, and how to ask for the next. */
    static String hint(String asked) {
        String[] parts = asked.split(":", 2);
        String key = switch (parts[0]) {
            case "2", "exercise2" -> Judge.EX2;
            case "3", "exercise3" -> Judge.EX3;
            default -> keyOf(parts[0]);
        };
        List<String> ladder = Hints.ladder(key);
        int rung;
        try {
            rung = parts.length == 1 ? 1 : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a hint's rung is a number, as in --hint dprobs:2");
        }
        if (rung < 1 || rung > ladder.size()) {
            throw new IllegalArgumentException("the hints for " + key + " have rungs 1 to " + ladder.size());
        }
        List<String> out = new ArrayList<>();
        out.add("hint " + rung + " of " + ladder.size() + " for " + key + ":");
        out.add("  " + ladder.get(rung - 1));
        if (rung < ladder.size()) {
            out.add("the next rung: --hint " + parts[0] + ":" + (rung + 1) + " (or -Dhint=" + parts[0] + ":"
                    + (rung + 1) + ")");
        }
        return String.join("\n", out);
    }

    public static void main(String[] args) {
        JQWIK.setLevel(Level.OFF);
        System.exit(run(args));
    }

    /** The judge's run: its exit status. */
    static int run(String[] args) {
        Options o;
        Set<String> chosen;
        try {
            o = Options.parse(args);
            if (o.hint() != null) {
                System.out.println(hint(o.hint()));
                return 0;
            }
            chosen = chosen(o);
        } catch (IllegalArgumentException e) {
            System.err.println("judge: " + e.getMessage());
            return 2;
        }
        Exercises workbook;
        try {
            WorkbookSource.writeArgs(WorkbookJudge.class.getName());
            Class<?> c = WorkbookSource.load("org.backpropninja.workbook.Workbook");
            workbook = (Exercises) c.getDeclaredConstructor().newInstance();
        } catch (WorkbookSource.Unusable e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (ReflectiveOperationException | java.io.IOException | ClassCastException e) {
            System.err.println("the workbook could not be loaded: " + e);
            return 2;
        }
        Verdict v = Judge.judge(workbook, chosen);
        System.out.println(v.render());
        return v.passed() ? 0 : 1;
    }
}
