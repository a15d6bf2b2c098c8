package org.backpropninja.cli;

import org.backpropninja.failure.BadInput;

/**
 * A problem with what the user gave that no single option's conversion can see (sizes that together
 * do not fit, a required option left out, a model whose vocabulary is not the data's): the command
 * prints its message, one clear sentence, and exits with status 2. No stack trace. A single option's
 * malformed or out-of-range value is picocli's parameter error, worded by {@link UsageSentence}.
 */
public class UsageError extends BadInput {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}
