package org.backpropninja.nn;

import org.backpropninja.matrix.Shape;

/**
 * The seven parameters of the notebook's MLP, declared once, in the notebook's order: the name the
 * notebook (and the model file) gives each, and the shape a network's sizes imply. Code that does
 * the same to every parameter -- the SGD update, the model file, shape checks, the gradient table --
 * iterates this enum; code that needs a formula per parameter (the initialisation, the layers) names
 * them through {@link Params}' components.
 *
 * <pre>
 *   C      (vocab, embd)          embedding table
 *   W1     (block*embd, hidden)   first linear layer
 *   b1     (1, hidden)
 *   W2     (hidden, vocab)        output layer
 *   b2     (1, vocab)
 *   bngain (1, hidden)            batchnorm scale
 *   bnbias (1, hidden)            batchnorm shift
 * </pre>
 */
public enum Param {
    C("C"), W1("W1"), B1("b1"), W2("W2"), B2("b2"), BNGAIN("bngain"), BNBIAS("bnbias");

    private final String notebookName;

    Param(String notebookName) {
        this.notebookName = notebookName;
    }

    /** The name in the notebook and in the model file: {@code C}, {@code W1}, ..., {@code bnbias}. */
    public String notebookName() {
        return notebookName;
    }

    /** The shape this parameter has in a network of these sizes. */
    public Shape shapeIn(Mlp net) {
        return switch (this) {
            case C -> new Shape(net.vocab(), net.embd());
            case W1 -> new Shape(net.block() * net.embd(), net.hidden());
            case B1, BNGAIN, BNBIAS -> new Shape(1, net.hidden());
            case W2 -> new Shape(net.hidden(), net.vocab());
            case B2 -> new Shape(1, net.vocab());
        };
    }

    /** The parameter with this notebook name, or null. */
    public static Param byNotebookName(String name) {
        for (Param p : values()) {
            if (p.notebookName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
