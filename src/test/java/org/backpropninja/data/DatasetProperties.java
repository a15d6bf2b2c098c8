package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** build_dataset's structure for any names and block size. */
class DatasetProperties {

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcxyzé").ofMinLength(1).ofMaxLength(8)
                .injectDuplicates(0.0);
        return Arbitraries.oneOf(name, name.map(s -> s + "\uD83D\uDE00")).list().ofMinSize(1).ofMaxSize(10);
    }

    /**
     * One example per code point plus one for '.'; each name starts from the all-dot context; each
     * following context is the previous one shifted left with the previous target appended; the last
     * target of each name is '.'.
     */
    @Property(tries = 200)
    void examplesFollowTheSlidingWindow(@ForAll("words") List<String> words, @ForAll @IntRange(min = 1, max = 5) int block) {
        Vocabulary v = Vocabulary.of(words);
        Dataset d = Dataset.build(words, v, block);
        int expected = words.stream().mapToInt(w -> w.codePointCount(0, w.length()) + 1).sum();
        assertEquals(expected, d.size());
        int row = 0;
        int[] y = d.y();
        for (String w : words) {
            int[] ix = v.encode(w);
            int[] context = new int[block];
            for (int k = 0; k <= ix.length; k++, row++) {
                assertArrayEquals(context, d.x().row(row), "context of example " + row);
                assertEquals(k < ix.length ? ix[k] : 0, y[row], "target of example " + row);
                int[] next = Arrays.copyOfRange(context, 1, block + 1);
                next[block - 1] = y[row];
                context = next;
            }
        }
    }
}
