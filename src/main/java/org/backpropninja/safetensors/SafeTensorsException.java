package org.backpropninja.safetensors;

import org.backpropninja.failure.BadInput;

/**
 * A file that is not a well-formed safetensors file. The message is one sentence about the file,
 * phrased to follow its name ("is too short ...", "has tensors ... that overlap"), without a
 * stack trace.
 */
public final class SafeTensorsException extends BadInput {
    private static final long serialVersionUID = 1L;

    public SafeTensorsException(String message) {
        super(message);
    }
}
