package org.backpropninja.testing;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backpropninja.check.InputReport;
import org.backpropninja.check.Report;

/** What a rejection property asserts about the checker's report of a deliberately wrong backward. */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * The check was made -- finite input, upstream gradient and loss, so the report is valid -- and
     * at least one element's manual gradient missed the numeric one. Asserting only that the report
     * did not pass would also accept a check that could not be made (a NaN somewhere), which
     * rejects for the wrong reason.
     */
    public static void assertRejected(Report r) {
        assertNull(r.invalidReason(), () -> "the check could not be made, so it proves nothing: " + r.describe());
        assertTrue(r.inputs().stream().mapToInt(InputReport::failures).sum() > 0,
                () -> "a wrong backward passed: " + r.describe());
    }
}
