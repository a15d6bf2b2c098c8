package org.backpropninja.notebook;

import java.util.ArrayList;
import java.util.List;
import org.backpropninja.nn.BatchNormLaws;
import org.backpropninja.nn.CrossEntropyLaws;

/**
 * A ladder of hints per gradient, asked for one rung at a time ({@code --hint dprobs},
 * {@code --hint dprobs:2}, ...; docs/workbook.md), none of which is the answer: where the value is
 * used (the lines the gradient carries the loss back through), the shape rule, the section of
 * docs/derivations.md to read. Read from the table {@link Tensor}.
 */
final class Hints {

    private Hints() {
    }

    /** The rungs for a key of the judge (d + notebook name, or the keys of Exercises 2 and 3). */
    static List<String> ladder(String key) {
        if (key.equals(Judge.EX2)) {
            return List.of("Exercise 2 undoes the whole cross-entropy at once: loss = mean over the batch of"
                            + " -log softmax(logits)[i, Yb[i]]; write the loss of one row as a function of its logits.",
                    "dlogits has the shape of logits, (n, vocab); every element of a row gets a contribution, the"
                            + " target column one more, and the mean divides by n.",
                    "Read docs/derivations.md, section \"" + CrossEntropyLaws.SECTION + "\"; its answer is folded"
                            + " at the section's end.");
        }
        if (key.equals(Judge.EX3)) {
            return List.of("Exercise 3 undoes batchnorm in one expression: every output row depends on every input"
                            + " row through the batch's mean and variance; keep bnvar_inv and bnraw from the forward.",
                    "dhprebn has the shape of hprebn, (n, hidden); bngain (1, hidden) broadcasts over the rows, and"
                            + " the unbiased variance divides by n - 1, not n.",
                    "Read docs/derivations.md, section \"" + BatchNormLaws.SECTION + "\"; its answer is folded at"
                            + " the section's end.");
        }
        Tensor t = tensorOf(key);
        List<String> rungs = new ArrayList<>();
        String name = t.notebookName();
        List<String> uses = t.usingLines();
        String made = t.isParameter() ? name + " is a parameter" : name + " is made by `" + t.forwardLine() + "`";
        if (t.usedTwice()) {
            rungs.add(made + " and used by two lines, `" + uses.get(0) + "` and `" + uses.get(1) + "`: " + key
                    + " undoes both uses, the sum of what comes back through each (read the gradients of those"
                    + " two lines).");
        } else {
            rungs.add(made + " and used by one line, `" + uses.get(0) + "`: " + key + " undoes that use alone"
                    + (t.users().isEmpty() ? " (dloss = 1)." : ", from d" + t.users().get(0).notebookName() + "."));
        }
        StringBuilder shape = new StringBuilder(key + " has the shape of " + name + ", " + t.shapeRule() + ".");
        for (Tensor u : t.users()) {
            String[] mine = t.shapeRule().replaceAll("[()]", "").split(", ");
            String[] theirs = u.shapeRule().replaceAll("[()]", "").split(", ");
            for (int axis = 0; axis < 2; axis++) {
                String along = axis == 0 ? "rows" : "columns";
                boolean sameOther = mine[1 - axis].equals(theirs[1 - axis]);
                if (sameOther && mine[axis].equals("1") && !theirs[axis].equals("1")) {
                    shape.append(" In `").append(u.forwardLine()).append("` it is broadcast over the ").append(along)
                            .append(": its gradient sums over them.");
                } else if (sameOther && !mine[axis].equals("1") && theirs[axis].equals("1")) {
                    shape.append(" In `").append(u.forwardLine()).append("` it is summed over its ").append(along)
                            .append(": its gradient repeats d").append(u.notebookName()).append(" along them.");
                }
            }
        }
        rungs.add(shape.toString());
        rungs.add("Read docs/derivations.md, section \"" + t.section().heading() + "\"; its answer is folded at the"
                + " section's end.");
        return rungs;
    }

    /** The tensor of an Exercise 1 key. */
    static Tensor tensorOf(String key) {
        for (Tensor t : Tensor.values()) {
            if (Judge.key(t).equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no Exercise 1 line " + key);
    }
}
