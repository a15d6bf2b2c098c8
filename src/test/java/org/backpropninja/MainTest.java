package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backpropninja.Commands.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's entry point: a subcommand word picks the command, none means train, --help at both levels. */
class MainTest {

    static final String[] TINY = {"--steps", "20", "--embd", "2", "--hidden", "4", "--samples", "2"};

    @Test
    void withoutACommandTheJarTrainsAsTrainDoes(@TempDir Path dir) {
        Run viaMain = Commands.main(Commands.with(TINY, "--out", dir.resolve("a").toString()));
        Run viaTrain = Commands.train(Commands.with(TINY, "--out", dir.resolve("b").toString()));
        Run named = Commands.main(Commands.with(Commands.with(new String[] {"train"}, TINY), "--out", dir.resolve("c").toString()));
        assertEquals(0, viaMain.status(), viaMain.err());
        assertEquals(0, named.status(), named.err());
        assertEquals(Commands.withoutTimes(viaTrain.out()), Commands.withoutTimes(viaMain.out()));
        assertEquals(Commands.withoutTimes(viaTrain.out()), Commands.withoutTimes(named.out()));
        assertTrue(Files.exists(dir.resolve("a/model.safetensors")) && Files.exists(dir.resolve("c/model.safetensors")));
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        for (String help : List.of("--help", "-h")) {
            Run r = Commands.main(help);
            assertEquals(0, r.status());
            assertTrue(r.out().startsWith("usage: java -jar backprop-ninja.jar [COMMAND] [options]"), r.out());
            for (String c : List.of("train", "sample", "evaluate", "gradcheck", "bench")) {
                assertTrue(r.out().contains("\n  " + c + " "), c + " in\n" + r.out());
            }
        }
    }

    @Test
    void eachCommandsHelpListsItsOwnOptions() {
        assertTrue(Commands.main("train", "--help").out().contains("--lr-decay-step"));
        assertTrue(Commands.main("--steps", "5", "--help").out().contains("--lr-decay-step"), "train, when no command is named");
        assertTrue(Commands.main("sample", "--help").out().contains("--model"));
        Run evaluate = Commands.main("evaluate", "--help");
        assertTrue(evaluate.out().contains("--model") && evaluate.out().contains("--threads"), evaluate.out());
        assertTrue(Commands.main("gradcheck", "--help").out().contains("--embd"));
        assertTrue(Commands.main("bench", "--help").out().contains("--warmup"));
    }

    @Test
    void anUnknownCommandIsOneSentenceListingTheValidOnes() {
        Run r = Commands.main("smaple", "--model", "x");
        assertEquals(2, r.status());
        assertEquals("backprop-ninja: unknown command 'smaple'; the commands are train, sample, evaluate, gradcheck,"
                + " bench (see --help)\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out());
    }

    @Test
    void aCommandsBadInputIsStillOneSentence() {
        Commands.assertOneSentence(Commands.main("sample"), "--model is required");
        Commands.assertOneSentence(Commands.main("evaluate", "--model", "/no/such/model.safetensors"), "does not exist");
        Commands.assertOneSentence(Commands.main("bench", "--steps", "0"), "--steps");
        Commands.assertOneSentence(Commands.main("gradcheck", "stray"), "unexpected argument");
    }
}
