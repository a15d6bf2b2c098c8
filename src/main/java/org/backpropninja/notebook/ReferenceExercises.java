package org.backpropninja.notebook;

import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.CrossEntropy;
import org.backpropninja.ops.BroadcastAdd;
import org.backpropninja.ops.BroadcastMul;
import org.backpropninja.ops.BroadcastSub;
import org.backpropninja.ops.Exp;
import org.backpropninja.ops.Gather;
import org.backpropninja.ops.Log;
import org.backpropninja.ops.MatMul;
import org.backpropninja.ops.Mean;
import org.backpropninja.ops.Negate;
import org.backpropninja.ops.Pick;
import org.backpropninja.ops.Pow;
import org.backpropninja.ops.RowMax;
import org.backpropninja.ops.Scale;
import org.backpropninja.ops.SumAxis;
import org.backpropninja.ops.Tanh;
import org.backpropninja.ops.View;

/**
 * The solutions, through {@link Exercises}: Exercise 1's lines are the staged steps' own backwards
 * (the notebook's line in each comment; {@link StagedChain#backward} is this chain), Exercise 2
 * is {@link CrossEntropy#backward}, Exercise 3 {@link BatchNorm#backward}. The lines read the steps'
 * records, so they need values from the staged chain ({@link ForwardValues#of}); Exercise 4's
 * training runs the layers' own backward ({@code nn.Mlp}).
 */
public final class ReferenceExercises implements Exercises {

    /** The one instance: it holds nothing. */
    public static final ReferenceExercises INSTANCE = new ReferenceExercises();

    private ReferenceExercises() {
    }

    private static StagedChain.Forward f(ForwardValues v) {
        if (v.staged() == null) {
            throw new IllegalArgumentException("the reference's Exercise 1 lines need the staged chain's forward");
        }
        return v.staged();
    }

    /**
     * Both gradients of the product in {@code x @ W + b} (the manual backward cell's two-line pattern: the upstream
     * through the bias add, then through the matmul); dx is {@code da()}, dW is {@code db()}.
     */
    private static MatMul.Grads product(MatMul.Forward xW, BroadcastAdd.Forward plusBias, Matrix dout) {
        return MatMul.backward(xW, BroadcastAdd.backward(plusBias, dout).da());
    }

    @Override // dlogprobs = zeros; dlogprobs[range(n), Yb] = -1.0/n
    public Matrix dlogprobs(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        Matrix dpickedMean = Negate.backward(f.loss(), Matrix.ones(1, 1));        // dloss = 1
        return Pick.backward(f.picked(), Mean.backward(f.pickedMean(), dpickedMean));
    }

    @Override // dprobs = (1.0 / probs) * dlogprobs
    public Matrix dprobs(ForwardValues v, Upstream d) {
        return Log.backward(f(v).logprobs(), d.dlogprobs());
    }

    @Override // dcounts_sum_inv = (counts * dprobs).sum(1, keepdim=True)
    public Matrix dcountsSumInv(ForwardValues v, Upstream d) {
        return BroadcastMul.backward(f(v).probs(), d.dprobs()).db();
    }

    @Override // dcounts_sum = -1 / counts_sum**2 * dcounts_sum_inv
    public Matrix dcountsSum(ForwardValues v, Upstream d) {
        return Pow.backward(f(v).countsSumInv(), d.dcountsSumInv());
    }

    @Override // counts is used twice: dcounts = counts_sum_inv * dprobs + torch.ones_like(counts) * dcounts_sum
    public Matrix dcounts(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return BroadcastMul.backward(f.probs(), d.dprobs()).da().add(SumAxis.backward(f.countsSum(), d.dcountsSum()));
    }

    @Override // dnorm_logits = counts * dcounts
    public Matrix dnormLogits(ForwardValues v, Upstream d) {
        return Exp.backward(f(v).counts(), d.dcounts());
    }

    @Override // dlogit_max = (-dnorm_logits).sum(1, keepdim=True)
    public Matrix dlogitMax(ForwardValues v, Upstream d) {
        return BroadcastSub.backward(f(v).normLogits(), d.dnormLogits()).db();
    }

    @Override // logits is used twice: dlogits = dnorm_logits + F.one_hot(logits.max(1).indices, V) * dlogit_max
    public Matrix dlogits(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return BroadcastSub.backward(f.normLogits(), d.dnormLogits()).da()
                .add(RowMax.backward(f.logitMax(), d.dlogitMax()));
    }

    @Override // dh = dlogits @ W2.T
    public Matrix dh(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return product(f.hW2(), f.logits(), d.dlogits()).da();
    }

    @Override // dW2 = h.T @ dlogits
    public Matrix dW2(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return product(f.hW2(), f.logits(), d.dlogits()).db();
    }

    @Override // db2 = dlogits.sum(0)
    public Matrix db2(ForwardValues v, Upstream d) {
        return BroadcastAdd.backward(f(v).logits(), d.dlogits()).db();
    }

    @Override // dhpreact = (1.0 - h**2) * dh
    public Matrix dhpreact(ForwardValues v, Upstream d) {
        return Tanh.backward(f(v).h(), d.dh());
    }

    @Override // dbngain = (bnraw * dhpreact).sum(0, keepdim=True)
    public Matrix dbngain(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return BroadcastMul.backward(f.bngainBnraw(), BroadcastAdd.backward(f.hpreact(), d.dhpreact()).da()).da();
    }

    @Override // dbnraw = bngain * dhpreact
    public Matrix dbnraw(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return BroadcastMul.backward(f.bngainBnraw(), BroadcastAdd.backward(f.hpreact(), d.dhpreact()).da()).db();
    }

    @Override // dbnbias = dhpreact.sum(0, keepdim=True)
    public Matrix dbnbias(ForwardValues v, Upstream d) {
        return BroadcastAdd.backward(f(v).hpreact(), d.dhpreact()).db();
    }

    @Override // dbnvar_inv = (bndiff * dbnraw).sum(0, keepdim=True)
    public Matrix dbnvarInv(ForwardValues v, Upstream d) {
        return BroadcastMul.backward(f(v).bnraw(), d.dbnraw()).db();
    }

    @Override // dbnvar = (-0.5 * (bnvar + 1e-5)**-1.5) * dbnvar_inv
    public Matrix dbnvar(ForwardValues v, Upstream d) {
        return Pow.backward(f(v).bnvarInv(), d.dbnvarInv());
    }

    @Override // dbndiff2 = (1.0/(n-1)) * torch.ones_like(bndiff2) * dbnvar
    public Matrix dbndiff2(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return SumAxis.backward(f.bndiff2Sum(), Scale.backward(f.bnvar(), d.dbnvar()));
    }

    @Override // bndiff is used twice: dbndiff = bnvar_inv * dbnraw + 2 * bndiff * dbndiff2
    public Matrix dbndiff(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return BroadcastMul.backward(f.bnraw(), d.dbnraw()).da().add(Pow.backward(f.bndiff2(), d.dbndiff2()));
    }

    @Override // dbnmeani = (-dbndiff).sum(0)
    public Matrix dbnmeani(ForwardValues v, Upstream d) {
        return BroadcastSub.backward(f(v).bndiff(), d.dbndiff()).db();
    }

    @Override // hprebn is used twice: dhprebn = dbndiff.clone() + 1.0/n * (torch.ones_like(hprebn) * dbnmeani)
    public Matrix dhprebn(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return BroadcastSub.backward(f.bndiff(), d.dbndiff()).da()
                .add(SumAxis.backward(f.hprebnSum(), Scale.backward(f.bnmeani(), d.dbnmeani())));
    }

    @Override // dembcat = dhprebn @ W1.T
    public Matrix dembcat(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return product(f.embcatW1(), f.hprebn(), d.dhprebn()).da();
    }

    @Override // dW1 = embcat.T @ dhprebn
    public Matrix dW1(ForwardValues v, Upstream d) {
        StagedChain.Forward f = f(v);
        return product(f.embcatW1(), f.hprebn(), d.dhprebn()).db();
    }

    @Override // db1 = dhprebn.sum(0)
    public Matrix db1(ForwardValues v, Upstream d) {
        return BroadcastAdd.backward(f(v).hprebn(), d.dhprebn()).db();
    }

    @Override // demb = dembcat.view(emb.shape)
    public Matrix demb(ForwardValues v, Upstream d) {
        return View.backward(f(v).embcat(), d.dembcat());
    }

    @Override // dC[Xb[k, j]] += demb[k, j] for every k, j
    public Matrix dC(ForwardValues v, Upstream d) {
        return Gather.backward(f(v).emb(), d.demb());
    }

    @Override // dlogits = (softmax(logits) - onehot(Yb)) / n
    public Matrix dlogits(Matrix logits, int[] Yb) {
        return CrossEntropy.backward(CrossEntropy.forward(logits, Yb));
    }

    /** The closed form needs no bnbias: dhprebn does not depend on it, so it runs with zeros. */
    @Override
    public Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact) {
        Matrix bnbias = Matrix.zeros(1, hprebn.cols());
        return BatchNorm.backward(BatchNorm.forward(hprebn, bngain, bnbias), dhpreact).dx();
    }
}
