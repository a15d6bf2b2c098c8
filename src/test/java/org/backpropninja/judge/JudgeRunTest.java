package org.backpropninja.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.backpropninja.matrix.Matrix;
import org.junit.jupiter.api.Test;

class JudgeRunTest {

    static final LayerSpec LOG = LayerSpec.named("Log").dim("n").dim("d")
            .input("x", "n", "d", Domain.positive())
            .forward(in -> in.get("x").log())
            .backward((in, dy) -> Map.of("x", dy.div(in.get("x"))));

    @Test
    void scratch() {
        Judgement j = Judge.of(LOG).run();
        System.out.println(j.describe());
        Judgement w = Judge.of(LOG.withBackward("Log, 1/x^2", (in, dy) -> Map.of("x", dy.div(in.get("x").mul(in.get("x")))))).run();
        System.out.println(w.describe());
    }
}
