package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.backpropninja.cli.Cli;
import org.junit.jupiter.api.Test;

/** Train, still a stub: it reads and splits the data like the notebook. */
class TrainTest {

    private static int train(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Cli.run(Train.PROGRAM, args, o, new PrintStream(err, true, StandardCharsets.UTF_8),
                a -> Train.run(a, o));
    }

    @Test
    void printsVocabularyAndSplitSizes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, train(out, err));
        assertEquals(List.of("vocab_size: 27", "splits: 182625 22655 22866"),
                out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aMissingDataFileIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, train(out, err, "--data", "/no/such/names.txt"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.lines().count());
        assertTrue(e.contains("no such file"), e);
    }
}
