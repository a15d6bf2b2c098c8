package org.backpropninja.cli;

/**
 * The largest network a run can build: the first layer's weights W1, (block * embd, hidden), are
 * drawn as one array, and a Java array holds fewer than 2^31 elements. Sizes past that are bad input,
 * refused in one sentence before any work, rather than an arithmetic overflow deep in the
 * initialisation.
 */
public final class SizeLimit {

    /** The most elements one Java array can hold on common JVMs. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private SizeLimit() {
    }

    /** Throws a {@link UsageError} unless block * embd * hidden fits in one array. */
    public static void requireFirstLayerFits(int embd, int block, int hidden) {
        long elements = (long) embd * block * hidden;
        if (elements > MAX_ELEMENTS) {
            throw new UsageError("--embd " + embd + " times --block " + block + " times --hidden " + hidden
                    + " gives " + elements + " first-layer weights, more than the " + MAX_ELEMENTS
                    + " one array can hold; choose smaller sizes");
        }
    }
}
