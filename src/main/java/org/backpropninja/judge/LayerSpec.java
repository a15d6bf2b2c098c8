package org.backpropninja.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backpropninja.matrix.Matrix;

/**
 * The description of a layer with a hand-written backward, for the judge: its dimensions, its
 * inputs (each with a shape rule over the dimensions and a {@link Domain}), index inputs held fixed,
 * the forward, and the backward as a vector-Jacobian product. Immutable: every method returns a new
 * spec, so a right spec and its wrong variants share everything but the backward.
 *
 * <pre>{@code
 * static final LayerSpec X_LOG_X = LayerSpec.named("XLogX")
 *         .dim("n").dim("d")                                    // sizes 1..6 each
 *         .input("x", "n", "d", Domain.positive())              // x: (n, d), in [0.2, 3]
 *         .forward(in -> XLogX.forward(in.get("x")).out())      // y: (n, d)
 *         .backward((in, dy) -> Map.of("x", XLogX.backward(XLogX.forward(in.get("x")), dy)));
 * }</pre>
 *
 * Then {@code Judge.of(X_LOG_X).run().assertPassed()} in a test, or {@code X_LOG_X.cases()} as the
 * generator of your own jqwik property (docs/own-layer.md).
 */
public final class LayerSpec {

    /** The sizes a dimension takes when {@link #dim(String)} gives none: 1 to 6. */
    public static final int DEFAULT_MIN = 1;
    public static final int DEFAULT_MAX = 6;

    /** The forward y = f(inputs): one matrix. */
    @FunctionalInterface
    public interface Forward {
        Matrix apply(Inputs in);
    }

    /**
     * The hand-written backward: given the inputs and dL/dy (the upstream gradient, y's shape), dL/dx
     * for every differentiated input, by its name.
     */
    @FunctionalInterface
    public interface Backward {
        Map<String, Matrix> apply(Inputs in, Matrix dy);
    }

    record Dim(String name, int min, int max) {
    }

    record MatrixInput(String name, ShapeRule shape, Domain domain) {
    }

    record IndexInput(String name, ShapeRule shape, String bound, boolean repeat) {
    }

    private final String name;
    private final List<Dim> dims;
    private final List<MatrixInput> inputs;
    private final List<IndexInput> indexInputs;
    private final Forward forward;
    private final Backward backward;

    private LayerSpec(String name, List<Dim> dims, List<MatrixInput> inputs, List<IndexInput> indexInputs,
                      Forward forward, Backward backward) {
        this.name = name;
        this.dims = List.copyOf(dims);
        this.inputs = List.copyOf(inputs);
        this.indexInputs = List.copyOf(indexInputs);
        this.forward = forward;
        this.backward = backward;
    }

    /** An empty spec: add dimensions, inputs, the forward and the backward. */
    public static LayerSpec named(String name) {
        return new LayerSpec(name, List.of(), List.of(), List.of(), null, null);
    }

    /** A dimension whose size is drawn from [min, max] in each case, shrinking toward min. */
    public LayerSpec dim(String dimName, int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("dimension " + dimName + " needs 1 <= min <= max, got " + min + ".."
                    + max);
        }
        requireNew(dimName);
        List<Dim> d = new ArrayList<>(dims);
        d.add(new Dim(dimName, min, max));
        return new LayerSpec(name, d, inputs, indexInputs, forward, backward);
    }

    /** A dimension of the default sizes, {@value #DEFAULT_MIN} to {@value #DEFAULT_MAX}. */
    public LayerSpec dim(String dimName) {
        return dim(dimName, DEFAULT_MIN, DEFAULT_MAX);
    }

    /**
     * A differentiated input of shape (rows, cols) -- each a declared dimension, a whole number or a
     * product such as {@code "n*block"} -- with values in the domain.
     */
    public LayerSpec input(String inputName, String rows, String cols, Domain domain) {
        requireNew(inputName);
        List<MatrixInput> in = new ArrayList<>(inputs);
        in.add(new MatrixInput(inputName, new ShapeRule(rows, cols).requireKnown(inputName, dimNames()), domain));
        return new LayerSpec(name, dims, in, indexInputs, forward, backward);
    }

    /** A differentiated input with values in {@link Domain#anyReal()}. */
    public LayerSpec input(String inputName, String rows, String cols) {
        return input(inputName, rows, cols, Domain.anyReal());
    }

    /**
     * Integer indices of shape (rows, cols) into the range [0, bound), bound a dimension or a
     * product like a shape's: targets of a loss, token ids of an embedding. Held fixed, not
     * differentiated.
     */
    public LayerSpec indices(String inputName, String rows, String cols, String bound) {
        return indexInput(inputName, rows, cols, bound, false);
    }

    /**
     * Indices as {@link #indices}, but the first two positions (row-major) always hold the same
     * index, whenever there are two: where a gather's backward must add the gradients of a repeated
     * index, not keep the last one.
     */
    public LayerSpec indicesWithARepeat(String inputName, String rows, String cols, String bound) {
        return indexInput(inputName, rows, cols, bound, true);
    }

    private LayerSpec indexInput(String inputName, String rows, String cols, String bound, boolean repeat) {
        requireNew(inputName);
        new ShapeRule(bound, "1").requireKnown(inputName, dimNames());
        List<IndexInput> ix = new ArrayList<>(indexInputs);
        ix.add(new IndexInput(inputName, new ShapeRule(rows, cols).requireKnown(inputName, dimNames()), bound, repeat));
        return new LayerSpec(name, dims, inputs, ix, forward, backward);
    }

    /** The forward. */
    public LayerSpec forward(Forward f) {
        return new LayerSpec(name, dims, inputs, indexInputs, f, backward);
    }

    /** The backward judged. */
    public LayerSpec backward(Backward b) {
        return new LayerSpec(name, dims, inputs, indexInputs, forward, b);
    }

    /** The same layer under another name with another backward: a variant to judge, such as a suspected slip. */
    public LayerSpec withBackward(String variantName, Backward b) {
        return new LayerSpec(variantName, dims, inputs, indexInputs, forward, b);
    }

    /** The generator of this layer's cases for a jqwik property: {@code Judge.of(this).cases()}. */
    public net.jqwik.api.Arbitrary<LayerCase> cases() {
        return Judge.of(this).cases();
    }

    public String name() {
        return name;
    }

    List<Dim> dims() {
        return dims;
    }

    List<MatrixInput> inputs() {
        return inputs;
    }

    List<IndexInput> indexInputs() {
        return indexInputs;
    }

    Forward forwardFunction() {
        return forward;
    }

    Backward backwardFunction() {
        return backward;
    }

    /** Refuses a spec that cannot be judged: no input, no forward or no backward. */
    LayerSpec requireComplete() {
        if (inputs.isEmpty() || forward == null || backward == null) {
            throw new IllegalArgumentException("layer " + name + " needs at least one input, a forward and a backward"
                    + " (it has " + inputs.size() + " inputs, " + (forward == null ? "no" : "a") + " forward and "
                    + (backward == null ? "no" : "a") + " backward)");
        }
        return this;
    }

    private List<String> dimNames() {
        return dims.stream().map(Dim::name).toList();
    }

    private void requireNew(String n) {
        Map<String, String> taken = new LinkedHashMap<>();
        dims.forEach(d -> taken.put(d.name(), "dimension"));
        inputs.forEach(i -> taken.put(i.name(), "input"));
        indexInputs.forEach(i -> taken.put(i.name(), "index input"));
        if (n == null || n.isBlank() || taken.containsKey(n)) {
            throw new IllegalArgumentException("layer " + name + ": the name '" + n + "' is "
                    + (taken.containsKey(n) ? "already a " + taken.get(n) : "empty"));
        }
    }
}
