package org.backpropninja.train;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * metrics.json: what a run was asked to do and what it got, so that one run can be told from
 * another by its metrics alone. Losses are printed with 17 significant digits so that the file pins
 * the exact bits; learning rates with Java's shortest exact form.
 *
 * @param train the training-split loss after calibration
 * @param val the dev-split loss
 * @param test the test-split loss
 * @param seconds the training time
 * @param run the hyperparameters, the data file and the version
 */
public record Metrics(double train, double val, double test, double seconds, Run run) {

    /**
     * What identifies a run.
     *
     * @param embd n_embd
     * @param hidden n_hidden
     * @param block block_size
     * @param batch the minibatch size
     * @param steps the training steps
     * @param schedule the learning-rate schedule
     * @param seed the torch generator's seed
     * @param data the names file, as given or found
     * @param dataSha256 the SHA-256 of the names file's bytes, in hex
     * @param version the project's version
     */
    public record Run(int embd, int hidden, int block, int batch, long steps, Sgd.Schedule schedule, long seed,
                      String data, String dataSha256, String version) {
    }

    public double stepsPerSecond() {
        return seconds > 0 ? run.steps() / seconds : 0.0;
    }

    public String toJson() {
        return String.format(Locale.ROOT, """
                {
                  "train_loss": %.17g,
                  "val_loss": %.17g,
                  "test_loss": %.17g,
                  "steps": %d,
                  "seed": %d,
                  "seconds": %.3f,
                  "steps_per_second": %.1f,
                  "embd": %d,
                  "hidden": %d,
                  "block": %d,
                  "batch": %d,
                  "lr": %s,
                  "lr_decay_step": %d,
                  "lr_after": %s,
                  "data": %s,
                  "data_sha256": %s,
                  "version": %s
                }
                """, train, val, test, run.steps(), run.seed(), seconds, stepsPerSecond(), run.embd(), run.hidden(),
                run.block(), run.batch(), number(run.schedule().lr()), run.schedule().decayStep(),
                number(run.schedule().lrAfter()), string(run.data()), string(run.dataSha256()),
                string(run.version()));
    }

    /** The file's bytes, UTF-8. */
    public byte[] bytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** A finite double as a JSON number (Java's shortest form that reads back to the same bits). */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("Metrics: JSON has no number for " + d);
        }
        return Double.toString(d);
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
