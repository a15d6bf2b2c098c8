package example;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.judge.Domain;
import org.backpropninja.judge.Judge;
import org.backpropninja.judge.Judgement;
import org.backpropninja.judge.LayerCase;
import org.backpropninja.judge.LayerSpec;

/** x log x on positive inputs judged; the product rule's missing branch rejected. */
class XLogXTest {

    static final LayerSpec X_LOG_X = LayerSpec.named("XLogX")
            .dim("n").dim("d")
            .input("x", "n", "d", Domain.positive())
            .forward(in -> XLogX.forward(in.get("x")).out())
            .backward((in, dy) -> Map.of("x", XLogX.backward(XLogX.forward(in.get("x")), dy)));

    @Provide
    Arbitrary<LayerCase> positiveCases() {
        return X_LOG_X.cases();
    }

    @Property(tries = 200)
    void backwardMatchesFiniteDifferences(@ForAll("positiveCases") LayerCase c) {
        c.check();
    }

    /** The slip: d(x log x) = log x, the branch x * (1/x) = 1 dropped. */
    @Example
    void theMissingProductRuleBranchIsRejectedWithAShrunkCase() {
        Judgement j = Judge.of(X_LOG_X.withBackward("XLogX, log x without the + 1",
                (in, dy) -> Map.of("x", dy.mul(in.get("x").log())))).run().assertRejected();
        System.out.println(j.describe());
    }
}
