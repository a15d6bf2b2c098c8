package org.backpropninja;

import java.io.PrintStream;
import java.util.List;
import org.backpropninja.cli.Cli;
import org.backpropninja.cli.Options;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Names;
import org.backpropninja.data.Split;
import org.backpropninja.data.Vocabulary;

/** Entry point of the full run (the notebook's Exercise 4 and after). Not yet: loads and splits the data only. */
public final class Train {

    static final String PROGRAM = "Train";

    private Train() {
    }

    public static void main(String[] args) {
        Cli.main(PROGRAM, args, a -> run(a, System.out));
    }

    /** The command: read the names, build the vocabulary and the seed-42 split, print their sizes. */
    public static int run(String[] args, PrintStream out) {
        Options opts = Options.parse(PROGRAM, "Trains the notebook's MLP.",
                List.of(new Options.Spec("data", null, "path of names.txt"),
                        new Options.Spec("block", "3", "context length block_size")), args);
        int block = opts.intIn("block", 1, 1024);
        List<String> words = Names.read(DataFile.locate(opts.string("data")));
        Vocabulary vocab = Vocabulary.of(words);
        Split.Datasets data = Split.of(words, Split.NOTEBOOK_SEED).datasets(vocab, block);
        out.println("vocab_size: " + vocab.size());
        out.println("splits: " + data.sizes());
        return 0;
    }
}
