package org.backpropninja.model;

import org.backpropninja.failure.BadInput;

/**
 * A model file that cannot be read back: missing, unreadable, not a model, corrupted, truncated,
 * inconsistent. The message is one sentence naming the file; the commands print it and exit with
 * status 2.
 */
public class ModelFileException extends BadInput {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }
}
