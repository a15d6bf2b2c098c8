package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void anUnknownCommandIsOneSentenceListingTheValidOnesWithASuggestion() {
        Run r = Commands.main("smaple", "--model", "x");
        assertEquals(2, r.status());
        assertEquals("backprop-ninja: unknown command 'smaple' (did you mean sample?); the commands are train, sample,"
                + " evaluate, gradcheck, bench (see --help)\n", r.err().replace("\r\n", "\n"));
        assertEquals("", r.out());
        Run far = Commands.main("xyzzy");
        assertEquals(2, far.status());
        assertEquals("backprop-ninja: unknown command 'xyzzy'; the commands are train, sample, evaluate, gradcheck,"
                + " bench (see --help)\n", far.err().replace("\r\n", "\n"), "no suggestion when nothing is close");
    }

    /** The two cases: a misspelled command and a misspelled option, each answered with the right word. */
    @Test
    void misspellingsGetTheWordThatWasMeant() {
        Run command = Commands.main("trian");
        Commands.assertOneSentence(command, "unknown command 'trian' (did you mean train?)");
        assertTrue(command.err().startsWith("backprop-ninja: "), command.err());
        Run option = Commands.main("train", "--stesp", "10");
        Commands.assertOneSentence(option, "unknown option --stesp; did you mean --steps?");
        assertTrue(option.err().startsWith("Train: "), option.err());
        Commands.assertOneSentence(Commands.main("--stesp", "10"), "did you mean --steps?"); // train by default
        Commands.assertOneSentence(Commands.main("sample", "--modle", "x"), "did you mean --model?");
    }

    @Test
    void versionNamesTheProjectAndTheJvm() {
        for (String flag : List.of("--version", "-V")) {
            Run r = Commands.main(flag);
            assertEquals(0, r.status(), r.err());
            assertEquals(List.of("backprop-ninja " + org.backpropninja.run.Version.project(), "JVM: "
                    + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.vm.version")), r.lines());
            assertFalse(r.out().contains("unknown"), "the version comes from the build: " + r.out());
        }
    }

    @Test
    void helpCommandPrintsWhatCommandHelpPrints() {
        for (String c : List.of("train", "sample", "evaluate", "gradcheck", "bench")) {
            Run help = Commands.main("help", c);
            assertEquals(0, help.status(), help.err());
            assertEquals(Commands.main(c, "--help").out(), help.out(), c);
        }
        Commands.assertOneSentence(Commands.main("help", "trian"), "trian");
    }

    /** The script bash accepts ({@code bash -n}), for the command and every option of train. */
    @Test
    void completionPrintsABashScriptForEveryCommandAndOption(@TempDir Path dir) throws Exception {
        Run r = Commands.main("completion");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("complete -F _complete_backprop-ninja") || r.out().contains("_complete_backprop-ninja"),
                r.out().lines().limit(20).toList().toString());
        for (String word : List.of("train", "sample", "evaluate", "gradcheck", "bench", "--lr-decay-step", "--warmup",
                "--model")) {
            assertTrue(r.out().contains(word), word);
        }
        Path script = Files.writeString(dir.resolve("completion.bash"), r.out());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), said);
        assertEquals("", said);
    }

    @Test
    void aCommandsBadInputIsStillOneSentence() {
        Commands.assertOneSentence(Commands.main("sample"), "--model is required");
        Commands.assertOneSentence(Commands.main("evaluate", "--model", "/no/such/model.safetensors"), "does not exist");
        Commands.assertOneSentence(Commands.main("bench", "--steps", "0"), "--steps");
        Commands.assertOneSentence(Commands.main("gradcheck", "stray"), "unexpected argument");
        Commands.assertOneSentence(Commands.main("gradcheck", "--seed", "-1"), "GradCheck: option --seed must be between 0");
    }
}
