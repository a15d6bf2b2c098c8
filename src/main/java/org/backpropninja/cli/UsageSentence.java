package org.backpropninja.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A picocli parameter error as the project's one sentence, with picocli's suggestion when the word
 * looks like a misspelling: {@code unknown option --stesp; did you mean --steps? (see --help for the
 * options)}, {@code unknown command 'trian' (did you mean train?); the commands are train, sample,
 * evaluate, gradcheck, bench (see --help)}, {@code option --seed needs a value}, {@code option --steps
 * must be between 1 and 100000000, got 0}.
 */
final class UsageSentence {

    private UsageSentence() {
    }

    static String of(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unmatched(u);
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec option) {
            return "option " + option.longestName() + " needs a value";
        }
        if (e.getCause() instanceof TypeConversionException && e.getArgSpec() instanceof OptionSpec option) {
            return "option " + option.longestName() + " " + e.getCause().getMessage();
        }
        String m = e.getMessage();
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static String unmatched(UnmatchedArgumentException u) {
        String word = printable(u.getUnmatched().get(0));
        List<String> suggestions = u.getSuggestions(); // the most similar first
        String guess = suggestions.isEmpty() ? "" : "did you mean " + suggestions.get(0) + "?";
        if (u.isUnknownOption()) {
            return "unknown option " + word + (guess.isEmpty() ? "" : "; " + guess) + " (see --help for the options)";
        }
        CommandLine line = u.getCommandLine();
        if (!line.getSubcommands().isEmpty()) {
            return "unknown command '" + word + "'" + (guess.isEmpty() ? "" : " (" + guess + ")")
                    + "; the commands are " + commands(line) + " (see --help)";
        }
        return "unexpected argument '" + word + "'; options look like --name value (see --help)";
    }

    /** The commands that do the work (not help or completion), in the order they were declared. */
    private static String commands(CommandLine line) {
        return line.getSubcommands().values().stream().filter(c -> c.getCommandSpec().userObject() instanceof Cli.Command)
                .map(CommandLine::getCommandName).distinct().collect(Collectors.joining(", "));
    }

    /** The word with control characters shown as '?', so a stray escape cannot redraw the terminal. */
    private static String printable(String word) {
        return word.replaceAll("\\p{Cntrl}", "?");
    }
}
