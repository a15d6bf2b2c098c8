package example;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.judge.Inputs;
import org.backpropninja.judge.Judge;
import org.backpropninja.judge.Judgement;
import org.backpropninja.judge.LayerCase;
import org.backpropninja.judge.LayerSpec;
import org.backpropninja.matrix.Matrix;

/** LayerNorm's closed-form backward judged, and the forgotten 1/d in its variance path rejected. */
class LayerNormTest {

    /** x (n, d), gamma and beta (1, d); d >= 2, since a row of one element has no spread to normalize. */
    static final LayerSpec LAYER_NORM = LayerSpec.named("LayerNorm")
            .dim("n", 1, 6).dim("d", 2, 8)
            .input("x", "n", "d")
            .input("gamma", "1", "d")
            .input("beta", "1", "d")
            .forward(in -> forward(in).out())
            .backward((in, dy) -> grads(LayerNorm.backward(forward(in), dy)));

    static LayerNorm.Forward forward(Inputs in) {
        return LayerNorm.forward(in.get("x"), in.get("gamma"), in.get("beta"));
    }

    static Map<String, Matrix> grads(LayerNorm.Grads g) {
        return Map.of("x", g.dx(), "gamma", g.dgamma(), "beta", g.dbeta());
    }

    @Provide
    Arbitrary<LayerCase> layerNormCases() {
        return LAYER_NORM.cases();
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("layerNormCases") LayerCase c) {
        c.check();
    }

    /** The slip: the variance path's mean(dxhat * xhat) written as a sum, the 1/d forgotten. */
    static Map<String, Matrix> forgottenOneOverD(Inputs in, Matrix dy) {
        LayerNorm.Forward f = forward(in);
        Matrix dxhat = dy.mul(f.gamma());
        Matrix dx = f.rstd().mul(dxhat.sub(dxhat.mean(1)).sub(f.xhat().mul(dxhat.mul(f.xhat()).sum(1))));
        return Map.of("x", dx, "gamma", dy.mul(f.xhat()).sum(0), "beta", dy.sum(0));
    }

    @Example
    void aForgottenOneOverDIsRejectedWithAShrunkCase() {
        Judgement j = Judge.of(LAYER_NORM.withBackward("LayerNorm, 1/d forgotten", LayerNormTest::forgottenOneOverD))
                .run().assertRejected();
        System.out.println(j.describe());
    }
}
