package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vocabulary is Python's sorted set of code points, numbered from 1 after '.'. */
class VocabularyTest {

    @Test
    void namesTxtGivesDotThenAToZ() {
        Vocabulary v = Vocabulary.of(Names.read(DataFile.locate(Optional.empty())));
        assertEquals(27, v.size());
        assertEquals(".abcdefghijklmnopqrstuvwxyz", v.decode(java.util.stream.IntStream.range(0, 27).toArray()));
        assertEquals(1, v.index('a'));
        assertEquals(26, v.index('z'));
    }

    @Test
    void ordersByCodePointNotByUtf16Unit() {
        // U+FF5E (fullwidth tilde) is one UTF-16 unit 0xFF5E; U+1F600 is the pair 0xD83D 0xDE00.
        // Sorting UTF-16 units would put the emoji's 0xD83D first; Python sorts code points.
        String emoji = new String(Character.toChars(0x1F600));
        Vocabulary v = Vocabulary.of(List.of(emoji + "\uFF5E", "Ab"));
        assertArrayEquals(new int[] {'.', 'A', 'b', 0xFF5E, 0x1F600}, v.codePoints());
        assertArrayEquals(new int[] {4, 3}, v.encode(emoji + "\uFF5E"), "one index per code point");
    }

    @Test
    void unknownCharactersAndIndicesAreRejected() {
        Vocabulary v = Vocabulary.of(List.of("ab"));
        assertThrows(IllegalArgumentException.class, () -> v.encode("abc"));
        assertThrows(IllegalArgumentException.class, () -> v.decode(new int[] {3}));
    }
}
