package org.backpropninja.cli;

/** Thrown by {@link Options#parse} for {@code --help}: the command prints the text and exits 0. */
public final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HelpRequested(String usage) {
        super(usage, null, false, false);
    }
}
