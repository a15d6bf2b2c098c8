package org.backpropninja.judge;

import java.util.Locale;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;

/**
 * Where a layer's input lives: the values the judge draws for it, given its shape. Pick the domain
 * on which the layer is differentiable and finite a step of 1e-3 max(1, |x|) around every value;
 * outside it finite differences say "inconclusive" instead of judging (docs/own-layer.md).
 *
 * <p>The values are generic -- twelve decimals, uniform, no two alike by construction, never an
 * all-equal matrix -- because special values (0, 1, repeated or symmetric inputs) hide wrong
 * derivatives. In a judged case they do not shrink: a failure shrinks on the sizes, each smaller
 * shape drawing its own values ({@link Judge#cases()}).
 */
public final class Domain {

    private final String description;
    private final Function<Shape, Arbitrary<Matrix>> generator;

    private Domain(String description, Function<Shape, Arbitrary<Matrix>> generator) {
        this.description = description;
        this.generator = generator;
    }

    /** Any real: drawn from [-2, 2], the O(1) range a layer usually sees. */
    public static Domain anyReal() {
        return between(-2, 2);
    }

    /** Values in [lo, hi]. */
    public static Domain between(double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("Domain.between needs lo < hi, got " + lo + " and " + hi);
        }
        return new Domain(String.format(Locale.ROOT, "in [%s, %s]", lo, hi), s -> Generators.matrix(s, lo, hi));
    }

    /**
     * Positive and clear of 0: [0.2, 3], for log, square roots and negative powers, whose curvature
     * scale is x itself (at 0.2 the first step, 1e-3, is 200 times inside it).
     */
    public static Domain positive() {
        return between(0.2, 3);
    }

    /** Either sign, magnitude in [min, max]: for divisions by the input without making it positive. */
    public static Domain awayFromZero(double min, double max) {
        if (!(0 < min && min < max)) {
            throw new IllegalArgumentException("Domain.awayFromZero needs 0 < min < max, got " + min + " and " + max);
        }
        return new Domain(String.format(Locale.ROOT, "of magnitude [%s, %s], either sign", min, max),
                s -> Generators.awayFromZero(s, min, max));
    }

    /**
     * Away from ties: values in [lo, hi], then each row's maximum lifted by a margin drawn from
     * [margin, 10 margin], so it beats the runner-up by at least margin. For a row max, a max-pool,
     * a ReLU-like kink between elements: there the function has no derivative at a tie.
     */
    public static Domain rowMaxClear(double lo, double hi, double margin) {
        if (!(margin > 0)) {
            throw new IllegalArgumentException("Domain.rowMaxClear needs a positive margin, got " + margin);
        }
        Domain base = between(lo, hi);
        return new Domain(base.description + String.format(Locale.ROOT,
                ", each row's maximum at least %s above the rest", margin),
                s -> Combinators.combine(base.generator.apply(s), Generators.values(margin, 10 * margin))
                        .as(Generators::liftRowMax));
    }

    /** A domain of your own: a description for the report, and a generator from the shape to matrices. */
    public static Domain of(String description, Function<Shape, Arbitrary<Matrix>> generator) {
        return new Domain(description, generator);
    }

    /** The matrices of the given shape in this domain. */
    public Arbitrary<Matrix> values(Shape s) {
        return generator.apply(s);
    }

    @Override
    public String toString() {
        return description;
    }
}
