package org.backpropninja;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Options;
import org.backpropninja.data.DataFile;

/** Entry point of the full run (the notebook's Exercise 4 and after). Not yet: loads the data only. */
public final class Train {

    private Train() {
    }

    public static void main(String[] args) {
        Cli.main("Train", args, a -> {
            Options opts = Options.parse("Train", "Trains the notebook's MLP.",
                    List.of(new Options.Spec("data", null, "path of names.txt")), a);
            Path data = DataFile.locate(opts.string("data"));
            List<String> words = Files.readAllLines(data, StandardCharsets.UTF_8);
            TreeSet<Integer> chars = new TreeSet<>();
            words.forEach(w -> w.codePoints().forEach(chars::add));
            System.out.println("vocab_size: " + (chars.size() + 1));
            System.out.println("words: " + words.size());
            return 0;
        });
    }
}
