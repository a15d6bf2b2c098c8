package org.backpropninja.run;

/**
 * A file of a run that could not be written (a full disk, a lost mount): the message names the
 * file and the cause, and says that nothing was left behind. The commands print it and exit with
 * status 1.
 */
public class RunWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunWriteException(String message) {
        super(message, null, false, false);
    }
}
