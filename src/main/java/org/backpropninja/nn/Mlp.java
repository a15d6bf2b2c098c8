package org.backpropninja.nn;

import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;

/**
 * The notebook's network, composed from the layers:
 *
 * <pre>
 *   embcat  = Embedding(C, Xb)              (n, block*embd)
 *   hprebn  = Linear(embcat, W1, b1)        (n, hidden)
 *   hpreact = BatchNorm(hprebn, bngain, bnbias)
 *   h       = Tanh(hpreact)                 (n, hidden)
 *   logits  = Linear(h, W2, b2)             (n, vocab)
 *   loss    = CrossEntropy(logits, Yb)
 * </pre>
 *
 * The sizes fix the shapes every {@link Params} given to it must have.
 *
 * <p>Derivation: docs/derivations.md, Part 2, "{@code Mlp}".
 *
 * @param vocab  characters (rows of C, columns of W2)
 * @param embd   embedding width
 * @param block  context length (columns of Xb)
 * @param hidden hidden width
 */
public record Mlp(int vocab, int embd, int block, int hidden) {

    public Mlp {
        if (vocab < 1 || embd < 1 || block < 1 || hidden < 1) {
            throw new IllegalArgumentException("Mlp: sizes must be positive, got vocab " + vocab + ", embd "
                    + embd + ", block " + block + ", hidden " + hidden);
        }
    }

    /** The sizes a parameter set implies (block = rows of W1 / columns of C), after checking it is consistent. */
    public static Mlp of(Params p) {
        int embd = p.C().cols();
        if (p.W1().rows() % embd != 0) {
            throw new IllegalArgumentException("Mlp.of: W1 " + p.W1().shape()
                    + " rows are not a multiple of the embedding width of C " + p.C().shape());
        }
        Mlp m = new Mlp(p.C().rows(), embd, p.W1().rows() / embd, p.W1().cols());
        m.requireShapes(p);
        return m;
    }

    /** Every layer's forward record, in order, and the loss. */
    public record Forward(Embedding.Forward emb, Linear.Forward layer1, BatchNorm.Forward bn, TanhLayer.Forward act,
                         Linear.Forward layer2, CrossEntropy.Forward ce) {

        /** The mean cross-entropy of the batch. */
        public double loss() {
            return ce.loss();
        }
    }

    /** Training-mode forward over a minibatch: Xb (n, block) with n >= 2, Yb n targets. */
    public Forward forward(Params p, IntMatrix Xb, int[] Yb) {
        requireShapes(p);
        requireContext(Xb);
        Embedding.Forward emb = Embedding.forward(p.C(), Xb);
        Linear.Forward layer1 = Linear.forward(emb.embcat(), p.W1(), p.b1());
        BatchNorm.Forward bn = BatchNorm.forward(layer1.out(), p.bngain(), p.bnbias());
        TanhLayer.Forward act = TanhLayer.forward(bn.out());
        Linear.Forward layer2 = Linear.forward(act.h(), p.W2(), p.b2());
        CrossEntropy.Forward ce = CrossEntropy.forward(layer2.out(), Yb);
        return new Forward(emb, layer1, bn, act, layer2, ce);
    }

    /**
     * The gradient of the loss for all seven parameters, each layer's backward in reverse order.
     * Every intermediate has exactly one consumer, so no contributions need summing here; the fan-out
     * inside the layers (x in the batchnorm mean and variance, repeated rows of C) is summed inside
     * their backwards.
     */
    public Params backward(Forward f) {
        Matrix dlogits = CrossEntropy.backward(f.ce());                      // (n, vocab)
        Linear.Grads g2 = Linear.backward(f.layer2(), dlogits);              // dh, dW2, db2
        Matrix dhpreact = TanhLayer.backward(f.act(), g2.dx());                   // (n, hidden)
        BatchNorm.Grads gbn = BatchNorm.backward(f.bn(), dhpreact);          // dhprebn, dbngain, dbnbias
        Linear.Grads g1 = Linear.backward(f.layer1(), gbn.dx());             // dembcat, dW1, db1
        Matrix dC = Embedding.backward(f.emb(), g1.dx());                    // (vocab, embd)
        return new Params(dC, g1.dW(), g1.db(), g2.dW(), g2.db(), gbn.dbngain(), gbn.dbnbias());
    }

    /**
     * Inference: the logits with evaluation-mode batchnorm (fixed statistics), for split losses and
     * sampling; any number of rows, including 1. The statistics come from the calibration
     * ({@code train.Evaluator.calibrate}). X: (N, block) -> (N, vocab).
     */
    public Matrix logits(Params p, BatchNorm.Stats stats, IntMatrix X) {
        Matrix hpreact = BatchNorm.eval(hprebn(p, X), p.bngain(), p.bnbias(), stats);   // (N, hidden)
        return Linear.forward(TanhLayer.forward(hpreact).h(), p.W2(), p.b2()).out();          // (N, vocab)
    }

    /**
     * The pre-batchnorm activations {@code hprebn = embcat @ W1 + b1} through the embedding and the
     * first linear layer, for inference and calibration. X: (N, block) -> (N, hidden).
     */
    public Matrix hprebn(Params p, IntMatrix X) {
        requireShapes(p);
        requireContext(X);
        return Linear.forward(Embedding.forward(p.C(), X).embcat(), p.W1(), p.b1()).out();
    }

    /** Evaluation loss: the mean cross-entropy of {@link #logits} against Y. */
    public double loss(Params p, BatchNorm.Stats stats, IntMatrix X, int[] Y) {
        return CrossEntropy.forward(logits(p, stats, X), Y).loss();
    }

    /** Throws unless every parameter has the shape these sizes imply, naming the first that does not. */
    public void requireShapes(Params p) {
        for (Param param : Param.values()) {
            Matrix m = p.get(param);
            if (!m.shape().equals(param.shapeIn(this))) {
                throw new IllegalArgumentException("Mlp: " + param.notebookName() + " is " + m.shape()
                        + " but " + this + " needs " + param.shapeIn(this));
            }
        }
    }

    private void requireContext(IntMatrix X) {
        if (X.cols() != block) {
            throw new IllegalArgumentException("Mlp: contexts " + X.shape() + " must have " + block
                    + " columns (the block size)");
        }
    }
}
