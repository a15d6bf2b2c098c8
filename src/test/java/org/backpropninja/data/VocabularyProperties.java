package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encoding then decoding gives every name back, whatever script it is written in. */
class VocabularyProperties {

    /**
     * Names of 1..12 code points drawn from all of Unicode (ASCII, Latin accents, CJK, emoji and other
     * supplementary planes), without the reserved '.', line breaks, or lone surrogate halves (which are
     * not characters and cannot appear in decoded UTF-8).
     */
    @Provide
    Arbitrary<List<String>> nameLists() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between('a', 'z'),
                Arbitraries.integers().between(0xC0, 0x24F),
                Arbitraries.integers().between(0x4E00, 0x9FFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF),
                Arbitraries.integers().between(0x20, 0xFFFF))
                .filter(cp -> cp != '.' && !(cp >= 0xD800 && cp <= 0xDFFF));
        Arbitrary<String> name = codePoint.list().ofMinSize(1).ofMaxSize(12).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
        return name.list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 200)
    void encodeThenDecodeGivesEveryNameBack(@ForAll("nameLists") List<String> names) {
        Vocabulary v = Vocabulary.of(names);
        for (String n : names) {
            int[] ix = v.encode(n);
            assertEquals(n.codePointCount(0, n.length()), ix.length, "one index per code point");
            assertEquals(n, v.decode(ix));
        }
    }

    @Property(tries = 200)
    void indicesFollowCodePointOrderAfterTheTerminator(@ForAll("nameLists") List<String> names) {
        int[] cps = Vocabulary.of(names).codePoints();
        assertEquals('.', cps[0]);
        for (int i = 2; i < cps.length; i++) {
            assertTrue(cps[i - 1] < cps[i], "strictly increasing code points at " + i);
        }
        assertEquals(names.stream().flatMapToInt(String::codePoints).distinct().count() + 1, cps.length);
    }
}
