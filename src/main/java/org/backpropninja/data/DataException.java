package org.backpropninja.data;

import org.backpropninja.failure.BadInput;

/**
 * A names file that cannot serve as data: missing, unreadable, not UTF-8 text, empty, a name with
 * the reserved '.', too few names to split. The message is one sentence naming the file; the
 * commands print it and exit with status 2.
 */
public class DataException extends BadInput {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
