package org.backpropninja.nn;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.judge.Domain;
import org.backpropninja.judge.LayerCase;
import org.backpropninja.judge.LayerSpec;

/** tanh's backward (1 - h^2) dh judged over generated cases (the public judge), and a wrong derivative rejected. */
class TanhProperties {

    /** x (n, h) in [-3, 3] (into both tails), n 2..maxN, h 1..maxH. */
    static LayerSpec tanh(int maxN, int maxH) {
        return LayerSpec.named("Tanh").dim("n", 2, maxN).dim("h", 1, maxH)
                .input("x", "n", "h", Domain.between(-3, 3))
                .forward(in -> TanhLayer.forward(in.get("x")).h())
                .backward((in, dh) -> Map.of("x", TanhLayer.backward(TanhLayer.forward(in.get("x")), dh)));
    }

    @Provide
    Arbitrary<LayerCase> batches() {
        return tanh(16, 24).cases();
    }

    /** The slip of writing 1 - h instead of 1 - h^2, on smaller batches: the rejection's point is not size. */
    @Provide
    Arbitrary<LayerCase> oneMinusH() {
        return tanh(8, 8).withBackward("Tanh, 1 - h instead of 1 - h^2",
                (in, dh) -> Map.of("x", TanhLayer.forward(in.get("x")).h().map(h -> 1 - h).mul(dh))).cases();
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("batches") LayerCase c) {
        c.check();
    }

    @Property(tries = 200)
    void oneMinusHInsteadOfOneMinusHSquaredIsRejected(@ForAll("oneMinusH") LayerCase c) {
        c.assertRejected();
    }
}
