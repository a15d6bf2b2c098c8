package org.backpropninja.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The notebook's character table: {@code chars = sorted(set(''.join(words)))}, numbered from 1,
 * with {@code '.'} as 0 (the start/end token). A character is a Unicode code point, as in Python,
 * so letters outside the Basic Multilingual Plane count once, and the order is code-point order
 * (which differs from Java's UTF-16 {@code char} order for those letters). Immutable.
 */
public final class Vocabulary {

    /** itos: index -> code point; index 0 is '.'. */
    private final int[] codePoints;
    /** stoi: code point -> index. */
    private final Map<Integer, Integer> indexOf;

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
        this.indexOf = IntStream.range(0, codePoints.length).boxed()
                .collect(Collectors.toUnmodifiableMap(i -> codePoints[i], Function.identity()));
    }

    /**
     * Whether a character can stand in a name that is printed: not a line break (none can come
     * from a names file, which is split at them) nor another control character (an escape would
     * drive the terminal); a tab is kept. The names reader and the model reader both hold to it.
     */
    public static boolean printable(int codePoint) {
        return codePoint == '\t' || !(Character.isISOControl(codePoint) || codePoint == 0x2028 || codePoint == 0x2029);
    }

    /** The vocabulary of the given names (which must not contain '.'). */
    public static Vocabulary of(List<String> words) {
        TreeSet<Integer> chars = new TreeSet<>();
        for (String w : words) {
            w.codePoints().forEach(chars::add);
        }
        if (chars.contains((int) Names.TERMINATOR)) {
            throw new IllegalArgumentException("Vocabulary.of: a name contains '.', the start/end token");
        }
        int[] cps = new int[chars.size() + 1];
        cps[0] = Names.TERMINATOR;
        int i = 1;
        for (int c : chars) {
            cps[i++] = c;
        }
        return new Vocabulary(cps);
    }

    /** The number of tokens: distinct characters plus one for '.'. */
    public int size() {
        return codePoints.length;
    }

    /** stoi: the index of a code point. */
    public int index(int codePoint) {
        Integer i = indexOf.get(codePoint);
        if (i == null) {
            throw new IllegalArgumentException("Vocabulary: character '" + Character.toString(codePoint)
                    + "' (U+" + Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT)
                    + ") is not in the vocabulary");
        }
        return i;
    }

    /** itos: the code point of an index. */
    public int codePoint(int index) {
        if (index < 0 || index >= codePoints.length) {
            throw new IllegalArgumentException("Vocabulary: index " + index + " outside [0, "
                    + codePoints.length + ")");
        }
        return codePoints[index];
    }

    /** The character of an index, as a string (one code point, one or two chars). */
    public String token(int index) {
        return Character.toString(codePoint(index));
    }

    /** The indices of a word's characters, without the terminator. */
    public int[] encode(String word) {
        return word.codePoints().map(this::index).toArray();
    }

    /** The word spelled by indices. */
    public String decode(int[] indices) {
        StringBuilder sb = new StringBuilder();
        for (int i : indices) {
            sb.appendCodePoint(codePoint(i));
        }
        return sb.toString();
    }

    /** itos as a list: the characters in index order, '.' first, each as a string. */
    public List<String> tokens() {
        return IntStream.range(0, size()).mapToObj(this::token).toList();
    }

    /** The characters in index order, '.' first. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(v.codePoints, codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "Vocabulary(" + size() + ": " + decode(IntStream.range(0, size()).toArray()) + ")";
    }
}
