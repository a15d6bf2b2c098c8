package org.backpropninja.run;

import org.backpropninja.failure.BadInput;

/**
 * An output directory refused before the run starts: it holds a finished run, another run is
 * writing it, or it cannot be created. The message is one sentence naming the directory; the
 * commands print it and exit with status 2. Nothing has been written.
 */
public class RunDirectoryException extends BadInput {
    private static final long serialVersionUID = 1L;

    public RunDirectoryException(String message) {
        super(message);
    }
}
