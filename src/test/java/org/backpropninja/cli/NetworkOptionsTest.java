package org.backpropninja.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.backpropninja.notebook.Recipe;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The shared options, declared once as a mixin: their defaults are the recipe each command gives,
 * every range is checked as the value is converted, the cross-option size rule when the recipe is
 * built, and picocli's parameter errors come out as the project's one sentence with status 2.
 */
class NetworkOptionsTest {

    @Command(name = "net", mixinStandardHelpOptions = true)
    static final class Net implements Cli.Command {
        @Mixin
        final NetworkOptions network;
        Recipe built;

        Net(Recipe base) {
            network = new NetworkOptions(base);
        }

        @Override
        public String program() {
            return "Net";
        }

        @Override
        public Integer call() {
            built = network.recipe();
            return 0;
        }
    }

    record Outcome(int status, String out, String err, Recipe built) {
    }

    static Outcome run(Recipe base, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Net net = new Net(base);
        int status = Cli.run(net, args, Output.of(out, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                net.built);
    }

    static void refused(String sentence, String... args) {
        assertEquals(new Outcome(2, "", "Net: " + sentence + System.lineSeparator(), null),
                run(Recipe.EXERCISE_4, args));
    }

    @Test
    void withoutOptionsTheRecipeIsTheCommandsOwn() {
        assertEquals(Recipe.EXERCISE_4, run(Recipe.EXERCISE_4).built());
        assertEquals(Recipe.EXERCISE_1, run(Recipe.EXERCISE_1).built());
        assertEquals(Recipe.EXERCISE_1.with(7, 3, 5, 2, 4),
                run(Recipe.EXERCISE_1, "--seed", "7", "--embd=3", "--hidden", "5", "--block", "2", "--batch", "4").built());
    }

    @Test
    void helpShowsTheRecipesDefaults() {
        String four = run(Recipe.EXERCISE_4, "--help").out();
        String one = run(Recipe.EXERCISE_1, "--help").out();
        assertTrue(four.contains("(default: 200)") && four.contains("(default: 2147483647)"), four);
        assertTrue(one.contains("(default: 64)") && !one.contains("(default: 200)"), one);
    }

    @Test
    void everyRangeIsCheckedAndTheBoundsAccepted() {
        refused("option --embd must be between 1 and 4096, got 0", "--embd", "0");
        refused("option --hidden must be between 1 and 65536, got 65537", "--hidden", "65537");
        refused("option --block must be between 1 and 1024, got -3", "--block", "-3");
        refused("option --batch must be at least 2 (batchnorm's unbiased variance needs two examples) and at most"
                + " 1048576, got 1", "--batch", "1");
        refused("option --seed must be between 0 and " + NetworkOptions.MAX_SEED + ", got " + Long.MAX_VALUE,
                "--seed", Long.toString(Long.MAX_VALUE));
        assertEquals(0, run(Recipe.EXERCISE_1, "--embd", "4096", "--hidden", "1", "--block", "1", "--batch", "2",
                "--seed", Long.toString(NetworkOptions.MAX_SEED)).status());
    }

    @Test
    void aNumberBeyondEvenALongIsOutOfRangeNotMalformed() {
        refused("option --hidden must be between 1 and 65536, got 99999999999999999999", "--hidden",
                "99999999999999999999");
        refused("option --hidden needs a whole number, got '1e3'", "--hidden", "1e3");
        refused("option --embd needs a whole number, got ''", "--embd=");
    }

    @Test
    void theFirstLayerMustFitInOneArray() {
        Outcome o = run(Recipe.EXERCISE_4, "--embd", "4096", "--block", "1024", "--hidden", "65536");
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith("Net: --embd 4096 times --block 1024 times --hidden 65536 gives"), o.err());
    }

    @Test
    void misspelledOptionsGetASuggestionAndMissingValuesSaySo() {
        refused("unknown option --hiden; did you mean --hidden? (see --help for the options)", "--hiden", "5");
        refused("option --seed needs a value", "--seed");
        refused("option --seed needs a value", "--seed", "--embd", "3");
        refused("unexpected argument 'stray'; options look like --name value (see --help)", "stray");
        refused("unexpected argument '5'; options look like --name value (see --help)", "--", "5");
    }

    @Test
    void theDataOptionIsPassedOnAsGiven() {
        Net net = new Net(Recipe.EXERCISE_4);
        new CommandLine(net).parseArgs("--data", "some/names.txt");
        assertEquals(Optional.of("some/names.txt"), net.network.data());
        Net none = new Net(Recipe.EXERCISE_4);
        new CommandLine(none).parseArgs();
        assertEquals(Optional.empty(), none.network.data());
        assertThrows(UsageError.class, () -> {
            Net huge = new Net(Recipe.EXERCISE_4);
            new CommandLine(huge).parseArgs("--embd", "4096", "--block", "1024", "--hidden", "65536");
            huge.network.recipe();
        });
    }
}
