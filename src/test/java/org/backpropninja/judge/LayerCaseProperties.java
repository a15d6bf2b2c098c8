package org.backpropninja.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.matrix.IntMatrix;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Embedding;

/**
 * The generated cases keep their promises -- shapes by the rules, values in the domains, indices in
 * range, G of the output's shape and magnitudes 0.1..1 -- and the judge works inside a user's own
 * property: one line passes a right backward and rejects a wrong one.
 */
class LayerCaseProperties {

    /** An embedding-like layer: rows of C gathered by ix, scaled by w element-wise. */
    static final LayerSpec GATHER_SCALE = LayerSpec.named("GatherScale")
            .dim("n", 2, 5).dim("vocab", 2, 7).dim("e", 1, 3).dim("block", 1, 2)
            .input("C", "vocab", "e", Domain.between(-1, 1))
            .input("w", "n", "block*e", Domain.positive())
            .indices("ix", "n", "block", "vocab")
            .forward(in -> embed(in).embcat().mul(in.get("w")))
            .backward((in, dy) -> Map.of("C", Embedding.backward(embed(in), dy.mul(in.get("w"))),
                    "w", dy.mul(embed(in).embcat())));

    static Embedding.Forward embed(Inputs in) {
        return Embedding.forward(in.get("C"), in.indices("ix"));
    }

    @Provide
    Arbitrary<LayerCase> gatherScaleCases() {
        return GATHER_SCALE.cases();
    }

    @Property(tries = 100)
    void casesFollowTheShapeRulesAndTheDomains(@ForAll("gatherScaleCases") LayerCase c) {
        int n = c.dims().get("n");
        int vocab = c.dims().get("vocab");
        int e = c.dims().get("e");
        int block = c.dims().get("block");
        assertTrue(2 <= n && n <= 5 && 2 <= vocab && vocab <= 7 && 1 <= e && e <= 3 && 1 <= block && block <= 2);
        assertEquals(new Shape(vocab, e), c.inputs().get("C").shape());
        assertEquals(new Shape(n, block * e), c.inputs().get("w").shape());
        assertTrue(c.inputs().get("C").maxAbs() <= 1);
        Matrix w = c.inputs().get("w");
        assertTrue(w.map(v -> v >= 0.2 && v <= 3 ? 0 : 1).sum() == 0, w.toString());
        IntMatrix ix = c.indices().get("ix");
        assertEquals(new Shape(n, block), ix.shape());
        for (int k : ix.toArray()) {
            assertTrue(0 <= k && k < vocab);
        }
        assertEquals(new Shape(n, block * e), c.G().shape());
        assertTrue(c.G().map(g -> Math.abs(g) >= 0.1 && Math.abs(g) <= 1 ? 0 : 1).sum() == 0, c.G().toString());
    }

    @Provide
    Arbitrary<LayerCase> repeatedIndexCases() {
        return LayerSpec.named("Gather").dim("n", 1, 4).dim("vocab", 2, 9).input("C", "vocab", "1")
                .indicesWithARepeat("ix", "n", "2", "vocab")
                .forward(in -> in.get("C").gatherRows(in.indices("ix")))
                .backward((in, dy) -> Map.of("C", Matrix.zeros(in.dim("vocab"), 1))).cases();
    }

    @Property(tries = 100)
    void indicesWithARepeatNameTheSameRowAtTheirFirstTwoPositions(@ForAll("repeatedIndexCases") LayerCase c) {
        int[] ix = c.indices().get("ix").toArray();
        assertEquals(ix[0], ix[1]);
        assertTrue(ix.length == 2 * c.dims().get("n"));
    }

    @Property(tries = 100)
    void aRightBackwardPassesInsideAProperty(@ForAll("gatherScaleCases") LayerCase c) {
        c.check();
    }

    /** The product rule's other factor forgotten: dw = dy, without the gathered rows of C. */
    static final LayerSpec GATHER_SCALE_WRONG = GATHER_SCALE.withBackward("GatherScale, dw without C",
            (in, dy) -> Map.of("C", Embedding.backward(embed(in), dy.mul(in.get("w"))), "w", dy));

    @Provide
    Arbitrary<LayerCase> wrongCases() {
        return GATHER_SCALE_WRONG.cases();
    }

    @Property(tries = 100)
    void aWrongBackwardIsRejectedInsideAProperty(@ForAll("wrongCases") LayerCase c) {
        Verdict v = c.assertRejected();
        assertTrue(v.report().input("w").failed() && v.report().input("C").passed(), v.describe());
    }

    /** Judge.run() inside jqwik's own lifecycle (an example is a one-try property), where jqwik refuses a session. */
    @Example
    void aRunInsideAJqwikExampleUsesItsLifecycle() {
        Judgement j = Judge.of(GATHER_SCALE_WRONG).seed(2).run().assertRejected();
        assertEquals(Map.of("n", 2, "vocab", 2, "e", 1, "block", 1), j.shrunk().theCase().dims());
        Judge.of(GATHER_SCALE).tries(20).run().assertPassed();
    }
}
