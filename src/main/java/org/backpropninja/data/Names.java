package org.backpropninja.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads names.txt as the notebook does ({@code open('names.txt').read().splitlines()}): one name
 * per line, in file order, lines split where Python's {@code splitlines} splits them.
 *
 * <ul>
 *   <li>The file must be UTF-8 text; any characters work (uppercase, accents, other scripts).</li>
 *   <li>Line ends may be {@code \n}, {@code \r\n} or {@code \r} (and the other breaks Python's
 *   {@code splitlines} knows); a trailing line end is fine; a leading byte order mark is dropped.</li>
 *   <li>Empty lines are skipped (the notebook would turn one into an empty name; skipping keeps a
 *   stray blank line from adding a spurious example). Spaces are characters like any other, so a line
 *   holding only spaces is a name.</li>
 *   <li>A name may not contain {@code '.'}: it is the start/end token (index 0) and would collide.</li>
 * </ul>
 *
 * Every problem is a {@link DataException} with one sentence naming the file and, where it helps, the
 * line.
 */
public final class Names {

    /** The notebook's start/end token. */
    public static final char TERMINATOR = '.';

    private Names() {
    }

    /** The names in the file, in order. */
    public static List<String> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file (" + e.getMessage() + ")");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new DataException(file + " is a binary file (it contains NUL bytes), not a text file"
                        + " of names");
            }
        }
        String text;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new DataException(file + " is not UTF-8 text; save it as UTF-8 with one name per line");
        }
        List<String> names = parse(text, file.toString());
        if (names.isEmpty()) {
            throw new DataException(file + " holds no names; it needs one name per line");
        }
        return names;
    }

    /**
     * The names in decoded text, split into lines as Python's {@code str.splitlines()} does (at
     * {@code \n}, {@code \r\n}, {@code \r}, and the rarer breaks {@code \u000B \u000C \u001C
     * \u001D \u001E \u0085 \u2028 \u2029}), empty lines skipped. {@code source} names the text in
     * error messages.
     */
    public static List<String> parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> names = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && !isLineBreak(text.charAt(end))) {
                end++;
            }
            lineNo++;
            String line = text.substring(start, end);
            if (line.indexOf(TERMINATOR) >= 0) {
                throw new DataException(source + " line " + lineNo + ": the name '" + line + "' contains '.',"
                        + " which is reserved as the start/end token");
            }
            int control = line.codePoints().filter(cp -> !Vocabulary.printable(cp)).findFirst().orElse(-1);
            if (control >= 0) {
                throw new DataException(source + " line " + lineNo + ": the name contains the control character U+"
                        + String.format(Locale.ROOT, "%04X", control) + ", which would drive the terminal when"
                        + " names are printed; remove it");
            }
            if (!line.isEmpty()) {
                names.add(line);
            }
            boolean crlf = end + 1 < text.length() && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n';
            start = end + (crlf ? 2 : 1);
        }
        return List.copyOf(names);
    }

    /** The line boundaries of Python's {@code str.splitlines()}. */
    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u001C' || c == '\u001D'
                || c == '\u001E' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
