package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backpropninja.matrix.IntMatrix;
import org.junit.jupiter.api.Test;

/** build_dataset on a small hand-checked case. */
class DatasetTest {

    @Test
    void emmaGivesFiveExamplesPaddedWithDots() {
        Vocabulary v = Vocabulary.of(List.of("emma", "ava"));   // . a e m v -> 0 1 2 3 4
        Dataset d = Dataset.build(List.of("emma"), v, 3);
        assertEquals(IntMatrix.from(new int[][] {
            {0, 0, 0}, {0, 0, 2}, {0, 2, 3}, {2, 3, 3}, {3, 3, 1}}), d.x());
        assertArrayEquals(new int[] {2, 3, 3, 1, 0}, d.y());
    }

    @Test
    void contextsRestartForEachName() {
        Vocabulary v = Vocabulary.of(List.of("ab"));
        Dataset d = Dataset.build(List.of("ab", "b"), v, 2);
        assertEquals(IntMatrix.from(new int[][] {{0, 0}, {0, 1}, {1, 2}, {0, 0}, {0, 2}}), d.x());
        assertArrayEquals(new int[] {1, 2, 0, 2, 0}, d.y());
    }

    @Test
    void selectTakesRowsAndTargetsTogether() {
        Vocabulary v = Vocabulary.of(List.of("emma"));
        Dataset d = Dataset.build(List.of("emma"), v, 3);
        Dataset s = d.select(new int[] {4, 0, 4});
        assertEquals(IntMatrix.from(new int[][] {d.x().row(4), d.x().row(0), d.x().row(4)}), s.x());
        assertArrayEquals(new int[] {0, 2, 0}, s.y());
    }
}
