package org.backpropninja.check;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The checker's verdict on one operation: a report per input, or the reason the check could not be
 * made (a non-finite input, upstream gradient or loss).
 *
 * <p>Four outcomes: {@link #passed} (every element passed), {@link #failed} (a valid report in which
 * some element is a real mismatch: what a rejection property demands of a wrong backward),
 * {@link #inconclusive} (no mismatch, but some element could not be judged), and invalid (the
 * check could not be made). Only a passed report satisfies {@link #assertPassed}.
 */
public record Report(String op, Tolerance tolerance, List<InputReport> inputs, String invalidReason) {

    public Report {
        inputs = List.copyOf(inputs);
    }

    static Report invalid(String op, Tolerance tol, String reason) {
        return new Report(op, tol, List.of(), reason);
    }

    public boolean passed() {
        return invalidReason == null && inputs.stream().allMatch(InputReport::passed);
    }

    /** A valid report with at least one element that is a real mismatch. */
    public boolean failed() {
        return invalidReason == null && inputs.stream().anyMatch(InputReport::failed);
    }

    /** A valid report without a mismatch, in which some element could not be judged. */
    public boolean inconclusive() {
        return invalidReason == null && !failed() && !passed();
    }

    /** The report of the named input. */
    public InputReport input(String name) {
        return inputs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input named " + name + " in " + op));
    }

    /** Largest max-abs-difference over all inputs. */
    public double maxAbsDiff() {
        return inputs.stream().mapToDouble(InputReport::maxAbsDiff).max().orElse(Double.NaN);
    }

    /** Largest relative error over all inputs. */
    public double maxRelError() {
        return inputs.stream().mapToDouble(InputReport::maxRelError).max().orElse(Double.NaN);
    }

    public String describe() {
        if (invalidReason != null) {
            return "gradient check of " + op + " could not be made: " + invalidReason;
        }
        return "gradient check of " + op + " (rtol " + tolerance.rtol() + ", atol " + tolerance.atol()
                + "):\n  " + inputs.stream().map(InputReport::describe).collect(Collectors.joining("\n  "));
    }

    /** Throws an {@link AssertionError} naming the op, input, element, manual and numeric values. */
    public Report assertPassed() {
        if (!passed()) {
            throw new AssertionError(describe());
        }
        return this;
    }
}
