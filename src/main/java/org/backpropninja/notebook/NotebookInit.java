package org.backpropninja.notebook;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Param;
import org.backpropninja.nn.Params;
import org.backpropninja.rng.TorchGenerator;

/**
 * The notebook's parameter initialisations, drawn from one seeded generator in the notebook's order
 * {@code C, W1, b1, W2, b2}. torch scales its float32 draws in float32 ({@code randn(...) * 0.1} is a
 * float tensor times a Python float), so the scaling here runs in {@code float} too and the results
 * are widened to double only at the end.
 *
 * <pre>
 * C  = randn((vocab, n_embd))                                  # (vocab, n_embd)
 * W1 = randn((n_embd*block, n_hidden)) * (5/3) / (n_embd*block)**0.5   # (block*n_embd, n_hidden)
 * b1 = randn(n_hidden) * 0.1                                   # (1, n_hidden)
 * W2 = randn((n_hidden, vocab)) * 0.1                          # (n_hidden, vocab)
 * b2 = randn(vocab) * 0.1                                      # (1, vocab)
 * </pre>
 */
public enum NotebookInit {

    /**
     * Exercise 1 (the gradient check, n_hidden 64 in the notebook): {@code bngain = ones*0.1 + 1.0}
     * (1.1 in float32) and {@code bnbias = zeros*0.1} (0), so neither consumes draws.
     */
    EXERCISE_1 {
        @Override
        BatchNormInit batchNorm(TorchGenerator g, int nHidden) {
            float[] gain = new float[nHidden];
            Arrays.fill(gain, 1.0f * 0.1f + 1.0f);
            return new BatchNormInit(gain, new float[nHidden]);
        }
    },

    /**
     * Exercise 4 (the full training run, n_hidden 200 in the notebook):
     * {@code bngain = 1 + 0.1*randn((1, n_hidden))}, then {@code bnbias = 0.1*randn((1, n_hidden))}.
     * The notebook drew these two from torch's global generator; this port draws them from the same
     * generator {@code g}, right after b2, so one seed decides everything.
     */
    EXERCISE_4 {
        @Override
        BatchNormInit batchNorm(TorchGenerator g, int nHidden) {
            float[] gain = scaled(g.randnFloat32(nHidden), 0.1f);
            for (int i = 0; i < nHidden; i++) {
                gain[i] = gain[i] + 1.0f;
            }
            float[] bias = scaled(g.randnFloat32(nHidden), 0.1f);
            return new BatchNormInit(gain, bias);
        }
    };

    /** The notebook's n_hidden for this exercise. */
    public int notebookHidden() {
        return this == EXERCISE_1 ? 64 : 200;
    }

    /** The parameters for a vocabulary of {@code vocab} tokens, drawn from {@code g} (which advances). */
    public Params init(TorchGenerator g, int vocab, int nEmbd, int nHidden, int block) {
        if (vocab < 1 || nEmbd < 1 || nHidden < 1 || block < 1) {
            throw new IllegalArgumentException("NotebookInit: sizes must be positive, got vocab " + vocab
                    + ", n_embd " + nEmbd + ", n_hidden " + nHidden + ", block " + block);
        }
        int fanIn = Math.multiplyExact(nEmbd, block);
        Map<Param, float[]> drawn = new EnumMap<>(Param.class);
        drawn.put(Param.C, g.randnFloat32(Math.multiplyExact(vocab, nEmbd)));
        // two float32 operations, as torch evaluates randn(...) * (5/3) / fan_in**0.5 left to right
        float[] w1 = scaled(g.randnFloat32(Math.multiplyExact(fanIn, nHidden)), (float) (5.0 / 3.0));
        float root = (float) Math.sqrt(fanIn);
        for (int i = 0; i < w1.length; i++) {
            w1[i] = w1[i] / root;
        }
        drawn.put(Param.W1, w1);
        drawn.put(Param.B1, scaled(g.randnFloat32(nHidden), 0.1f));
        drawn.put(Param.W2, scaled(g.randnFloat32(Math.multiplyExact(nHidden, vocab)), 0.1f));
        drawn.put(Param.B2, scaled(g.randnFloat32(vocab), 0.1f));
        BatchNormInit bn = batchNorm(g, nHidden);
        drawn.put(Param.BNGAIN, bn.bngain());
        drawn.put(Param.BNBIAS, bn.bnbias());
        Mlp net = new Mlp(vocab, nEmbd, block, nHidden);
        return Params.build(p -> {
            Shape s = p.shapeIn(net);
            return TorchGenerator.widen(s.rows(), s.cols(), drawn.get(p));
        });
    }

    /** The batch-norm gain and bias, both {@code (1, n_hidden)}, drawn after b2 if drawn at all. */
    abstract BatchNormInit batchNorm(TorchGenerator g, int nHidden);

    /** The two batch-norm parameters of a recipe, as float32 values, {@code n_hidden} each. */
    record BatchNormInit(float[] bngain, float[] bnbias) {
    }

    /** Each float times s, rounded to float as torch does. Returns a new array. */
    private static float[] scaled(float[] v, float s) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }
}
