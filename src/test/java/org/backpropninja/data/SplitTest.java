package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Too few names for the 80/10/10 split is one sentence, in good grammar. */
class SplitTest {

    @Test
    void oneNameIsSingularAndTwoArePlural() {
        assertEquals("the 80/10/10 split of 1 name leaves a part empty; give at least 10 names",
                assertThrows(DataException.class, () -> Split.of(List.of("emma"), 42)).getMessage());
        assertEquals("the 80/10/10 split of 2 names leaves a part empty; give at least 10 names",
                assertThrows(DataException.class, () -> Split.of(List.of("emma", "ava"), 42)).getMessage());
    }
}
