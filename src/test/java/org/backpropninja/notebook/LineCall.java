package org.backpropninja.notebook;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A learner's line called with a time limit, so that a line which recurses without end or never
 * returns is that line's FAIL, named, instead of a thousand lines of trace or a judge that hangs
 * (docs/workbook.md). Each call runs on a fresh daemon thread: one that never returns is left
 * behind (it cannot be stopped from outside) and the judge does not call that line again.
 */
final class LineCall {

    /** How long one line may take: far more than any right line needs on the notebook's batch. */
    static final int LIMIT_SECONDS = 5;

    private LineCall() {
    }

    /** The line's own failure, in words: it recursed, did not return in time, or threw an Error. */
    static final class Broke extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean hung;

        private final String asThrown;

        Broke(String what, String asThrown, boolean hung) {
            super(what, null, false, false);
            this.asThrown = asThrown;
            this.hung = hung;
        }

        /** As the laws print a throw, "it threw " + this. */
        @Override
        public String toString() {
            return asThrown;
        }

        /** It did not return: its thread may still be running. */
        boolean hung() {
            return hung;
        }
    }

    /**
     * Calls the line: its value, or its RuntimeException rethrown as is, or {@link Broke} saying what
     * it did (a StackOverflowError, another Error, no return within the limit).
     */
    static <T> T call(Callable<T> line) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(line.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "workbook line");
        t.setDaemon(true);
        t.start();
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            String what = "did not return within " + LIMIT_SECONDS + " s (a loop that never ends?)";
            throw new Broke("it " + what, "nothing: it " + what, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StackOverflowError) {
                throw new Broke("it recursed without end (StackOverflowError)",
                        "a StackOverflowError: it recursed without end", false);
            }
            if (cause instanceof Error err) {
                throw new Broke("it threw " + err, err.toString(), false);
            }
            throw (Exception) cause;
        }
    }

    /** What a failed call did, in the words of a table row: "it threw ...", "it recursed ...". */
    static String what(Throwable e) {
        return e instanceof Broke ? e.getMessage() : "it threw " + e;
    }
}
