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

/** softmax(Q K^T / sqrt(d)) judged in both inputs; dK without its transpose rejected. */
class AttentionScoresTest {

    /** q, k (n, d): n positions of one sequence, so ds Q and ds^T Q have the same shape. */
    static final LayerSpec ATTENTION = LayerSpec.named("AttentionScores")
            .dim("n", 1, 6).dim("d", 1, 6)
            .input("q", "n", "d")
            .input("k", "n", "d")
            .forward(in -> forward(in).p())
            .backward((in, dp) -> grads(AttentionScores.backward(forward(in), dp)));

    static AttentionScores.Forward forward(Inputs in) {
        return AttentionScores.forward(in.get("q"), in.get("k"));
    }

    static Map<String, Matrix> grads(AttentionScores.Grads g) {
        return Map.of("q", g.dq(), "k", g.dk());
    }

    @Provide
    Arbitrary<LayerCase> attentionCases() {
        return ATTENTION.cases();
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("attentionCases") LayerCase c) {
        c.check();
    }

    /** The slip: dk = scale ds q, the transpose of ds forgotten (same shape, since k has q's). */
    static Map<String, Matrix> missingTranspose(Inputs in, Matrix dp) {
        AttentionScores.Forward f = forward(in);
        Matrix ds = f.p().mul(dp.sub(dp.mul(f.p()).sum(1)));
        return Map.of("q", ds.matmul(f.k()).scale(f.scale()), "k", ds.matmul(f.q()).scale(f.scale()));
    }

    @Example
    void aMissingTransposeInDkIsRejectedWithAShrunkCase() {
        Judgement j = Judge.of(ATTENTION.withBackward("AttentionScores, dk without the transpose",
                AttentionScoresTest::missingTranspose)).run().assertRejected();
        System.out.println(j.describe());
    }
}
