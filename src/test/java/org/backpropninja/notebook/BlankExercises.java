package org.backpropninja.notebook;

import org.backpropninja.matrix.Matrix;

/**
 * Every gradient a placeholder, as in the committed blank workbook (src/workbook): what the judge
 * must show as "not yet" throughout, without running a law or throwing. Deliberate mistakes extend
 * it with one gradient each ({@link TypicalMistakes}).
 */
public class BlankExercises implements Exercises {

    @Override
    public Matrix dlogprobs(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dprobs(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dcountsSumInv(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dcountsSum(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dcounts(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dnormLogits(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dlogitMax(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dlogits(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dh(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dW2(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix db2(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dhpreact(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbngain(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbnraw(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbnbias(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbnvarInv(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbnvar(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbndiff2(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbndiff(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dbnmeani(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dhprebn(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dembcat(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dW1(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix db1(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix demb(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dC(ForwardValues v, Upstream d) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dlogits(Matrix logits, int[] Yb) {
        return Exercises.notYet();
    }

    @Override
    public Matrix dhprebn(Matrix hprebn, Matrix bngain, Matrix dhpreact) {
        return Exercises.notYet();
    }
}
