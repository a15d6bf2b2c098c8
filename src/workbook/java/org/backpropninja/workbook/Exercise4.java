package org.backpropninja.workbook;

import java.util.Locale;
import java.util.Optional;
import org.backpropninja.data.DataFile;
import org.backpropninja.data.Split;
import org.backpropninja.model.Evaluator;
import org.backpropninja.nn.BatchNorm;
import org.backpropninja.nn.Mlp;
import org.backpropninja.notebook.ForwardValues;
import org.backpropninja.notebook.Recipe;
import org.backpropninja.train.Progress;
import org.backpropninja.train.Trainer;

/**
 * Exercise 4: the notebook's training loop on YOUR backward ({@code Exercises.layersBackward} of the
 * workbook: your dlogits, your lines for the linear layers, tanh, the batchnorm parameters and the
 * embedding, your dhprebn), with the recipe ({@link Recipe#EXERCISE_4}: data, split, initialisation,
 * schedule) and output of the {@code train} command:
 *
 * <pre>  mvn -q -Pworkbook test-compile exec:java [-Dexec.args="--steps 200000"]</pre>
 *
 * Default 20,000 steps (about a minute); the losses printed every tenth of the run, then the train and
 * val losses after batchnorm calibration, which with 200,000 steps and a right backward come out as
 * the {@code train} command's: train 2.0710818024192457, val 2.111867903286491 (the notebook: 2.0705,
 * 2.1104), give or take the last bits where your expressions round differently from ours.
 */
public final class Exercise4 {

    private Exercise4() {
    }

    public static void main(String[] args) {
        long steps = args.length == 2 && args[0].equals("--steps") ? Long.parseLong(args[1]) : 20_000;
        Workbook workbook = new Workbook();
        Recipe recipe = Recipe.EXERCISE_4;
        Recipe.Corpus corpus = recipe.corpus(DataFile.locate(Optional.empty()));
        Split.Datasets data = corpus.data();
        Recipe.Start start = recipe.start(corpus.vocab().size());
        System.out.println("vocab_size: " + corpus.vocab().size());
        System.out.println("splits: " + data.sizes());
        System.out.println("params: " + start.params().count());
        System.out.println("backward: your workbook (Exercises 1-3)");

        long every = Progress.logEvery(steps);
        Trainer.Result r;
        try {
            r = Trainer.train(start.params(), data.train(), recipe.batch(), steps, Recipe.schedule(steps), start.g(),
                    (i, loss) -> {
                        if (i % every == 0) {
                            System.out.println(String.format(Locale.ROOT, "%7d/%7d: %.4f", i, steps, loss));
                        }
                    },
                    (p, f, batch) -> workbook.layersBackward(ForwardValues.ofLayers(p, f, batch.x(), batch.y())));
        } catch (IllegalStateException notYet) {
            System.err.println("Exercise 4 trains on your backward, but " + notYet.getMessage()
                    + ": write it in src/workbook (docs/workbook.md, Exercise 4)");
            System.exit(2);
            return;
        }

        try (Evaluator eval = new Evaluator(Mlp.of(r.params()), Runtime.getRuntime().availableProcessors())) {
            BatchNorm.Stats stats = eval.calibrate(r.params(), data.train().x());
            System.out.println("train " + eval.loss(r.params(), stats, data.train()));
            System.out.println("val " + eval.loss(r.params(), stats, data.dev()));
        }
    }
}
