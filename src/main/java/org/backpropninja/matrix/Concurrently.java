package org.backpropninja.matrix;

import java.util.function.Supplier;

/**
 * Two independent matrix computations at once: the second on the helper thread of the row split
 * when it is free, the first on the calling thread. A layer's backward has such pairs -- the
 * gradient of its input and the gradient of its weights both read the upstream gradient and
 * nothing of each other -- and running the two products side by side, each whole on one core,
 * keeps each product's data in one core's cache, where splitting every product's rows between the
 * cores moves half of it across. Each result is computed by the same kernels either way, so it has
 * the same bits on one thread, on two, or when the helper is busy (then both run here, in order).
 */
public final class Concurrently {

    private Concurrently() {
    }

    /** The two results, in the order of the suppliers. */
    public record Pair(Matrix first, Matrix second) {
    }

    /** {@code first.get()} here and {@code second.get()} on the helper when it is free; both done on return. */
    public static Pair both(Supplier<Matrix> first, Supplier<Matrix> second) {
        Matrix[] results = new Matrix[2];
        RowSplit.both(() -> results[0] = first.get(), () -> results[1] = second.get());
        return new Pair(results[0], results[1]);
    }
}
