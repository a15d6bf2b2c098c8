package org.backpropninja.cli;

import org.backpropninja.failure.BadInput;

/**
 * A problem with what the user gave us (an option, a file, a size) rather than a bug: the command
 * prints its message, one clear sentence, and exits with status 2. No stack trace.
 */
public class UsageError extends BadInput {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
