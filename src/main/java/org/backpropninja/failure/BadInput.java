package org.backpropninja.failure;

/**
 * A problem with what the user gave (an option, a names file, a model file, an output directory,
 * a learning rate that makes the run diverge) rather than a bug. The message is one sentence, without
 * a stack trace; the commands print it after the program's name and exit with status 2. Each
 * package that reads input throws its own subclass; the command shell maps them all at this one type.
 */
public abstract class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected BadInput(String message) {
        super(message, null, false, false);
    }
}
