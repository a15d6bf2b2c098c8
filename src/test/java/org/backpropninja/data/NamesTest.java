package org.backpropninja.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading names files: what is tolerated, and the one-sentence errors for what is not. */
class NamesTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertOneSentence(DataException e, String... parts) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "'" + m + "' should mention '" + p + "'");
        }
    }

    @Test
    void readsOneNamePerLineWithOrWithoutTrailingNewline() throws IOException {
        assertEquals(List.of("emma", "olivia"), Names.read(file("a.txt", "emma\nolivia\n")));
        assertEquals(List.of("emma", "olivia"), Names.read(file("b.txt", "emma\nolivia")));
    }

    @Test
    void crlfLineEndsAreStripped() throws IOException {
        assertEquals(List.of("emma", "ava"), Names.read(file("crlf.txt", "emma\r\nava\r\n")));
    }

    @Test
    void otherLineBreaksSplitAsPythonsSplitlinesDoes() throws IOException {
        assertEquals(List.of("a", "b", "c", "d", "e"), Names.read(file("breaks.txt", "a\rb\u2028c\u0085d\u000Ce\r")));
    }

    @Test
    void blankLinesAreSkippedButSpacesAreCharacters() throws IOException {
        assertEquals(List.of("emma", "ava", " "), Names.read(file("blank.txt", "\nemma\n\n\r\nava\n \n\n")));
    }

    @Test
    void aLeadingByteOrderMarkIsDropped() throws IOException {
        assertEquals(List.of("zoé", "ava"), Names.read(file("bom.txt", "\uFEFFzoé\nava\n")));
    }

    @Test
    void anyScriptIsReadAsWritten() throws IOException {
        List<String> names = List.of("Zoë", "Ōtani", "Иван", "李", "\uD83D\uDE00smile", "José");
        assertEquals(names, Names.read(file("intl.txt", String.join("\n", names) + "\n")));
    }

    @Test
    void malformedUtf8IsADataException() throws IOException {
        Path p = file("latin1.txt", new byte[] {'z', 'o', (byte) 0xE9, '\n'}); // "zoé" in Latin-1
        DataException e = assertThrows(DataException.class, () -> Names.read(p));
        assertOneSentence(e, "latin1.txt", "is not UTF-8 text");
    }

    @Test
    void nulBytesMeanABinaryFile() throws IOException {
        Path p = file("data.bin", new byte[] {'a', 0, 'b', '\n'});
        assertOneSentence(assertThrows(DataException.class, () -> Names.read(p)), "data.bin", "binary");
    }

    @Test
    void anEmptyFileHoldsNoNames() throws IOException {
        Path p = file("empty.txt", "");
        assertOneSentence(assertThrows(DataException.class, () -> Names.read(p)), "empty.txt", "no names");
        Path q = file("blank.txt", "\n\r\n\n");
        assertOneSentence(assertThrows(DataException.class, () -> Names.read(q)), "blank.txt", "no names");
    }

    @Test
    void aNameWithTheTerminatorIsRejectedNamingItsLine() throws IOException {
        Path p = file("dots.txt", "emma\r\nava\r\nj.r\r\n");
        assertOneSentence(assertThrows(DataException.class, () -> Names.read(p)), "line 3", "j.r", "'.'");
    }

    @Test
    void aNameWithAControlCharacterIsRejectedNamingItsLine() throws IOException {
        // an escape in a name would drive the terminal when the name is printed, and the model file
        // of such a run could not be read back; a tab stays a character
        Path p = file("esc.txt", "emma\nava\tlee\nzo\u001B[31m\n");
        DataException e = assertThrows(DataException.class, () -> Names.read(p));
        assertOneSentence(e, "esc.txt", "line 3", "control character U+001B");
        assertFalse(e.getMessage().contains("\u001B"), "the message prints no escape itself: " + e.getMessage());
        assertEquals(List.of("emma", "ava\tlee"), Names.read(file("tab.txt", "emma\nava\tlee\n")));
        assertOneSentence(assertThrows(DataException.class, () -> Names.read(file("del.txt", "a\u007Fb\n"))),
                "line 1", "U+007F");
    }

    @Test
    void anUnreadablePathIsADataException() {
        // a directory passes no content test; reading it fails with an I/O error turned into a sentence
        assertOneSentence(assertThrows(DataException.class, () -> Names.read(dir)), "cannot read");
    }
}
