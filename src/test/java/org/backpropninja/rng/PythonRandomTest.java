package org.backpropninja.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Python's random.seed + shuffle against the reference vector. */
class PythonRandomTest {

    @Test
    void seedSevenShufflesZeroToNineLikeCPython() {
        List<Integer> x = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        assertEquals(List.of(8, 3, 1, 4, 7, 0, 9, 6, 2, 5), PythonRandom.seed(7).shuffled(x));
        assertEquals(IntStream.range(0, 10).boxed().collect(Collectors.toList()), x, "argument untouched");
    }
}
