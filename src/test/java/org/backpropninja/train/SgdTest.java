package org.backpropninja.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backpropninja.matrix.Matrix;
import org.backpropninja.nn.Params;
import org.backpropninja.testing.Models;
import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void eachParameterMovesAgainstItsOwnGradient() {
        Params p = Models.fiveTokens(1).params();
        Params g = Models.fiveTokens(2).params();
        Params next = Sgd.step(p, g, 0.25);
        List<Matrix> ps = p.asList();
        List<Matrix> gs = g.asList();
        List<Matrix> ns = next.asList();
        for (int k = 0; k < 7; k++) {
            for (int i = 0; i < ps.get(k).rows(); i++) {
                for (int j = 0; j < ps.get(k).cols(); j++) {
                    assertEquals(ps.get(k).get(i, j) - 0.25 * gs.get(k).get(i, j), ns.get(k).get(i, j),
                            Params.NAMES.get(k) + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void theScheduleSwitchesAtTheDecayStep() {
        Sgd.Schedule s = new Sgd.Schedule(0.1, 100_000, 0.01);
        assertEquals(0.1, s.at(0));
        assertEquals(0.1, s.at(99_999));
        assertEquals(0.01, s.at(100_000));
    }
}
