package org.backpropninja.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.backpropninja.train.Sgd;

/**
 * metrics.json: what a run was asked to do and what it got, so that one run can be told from
 * another by its metrics alone. Written through Jackson's generator; losses and learning rates as Java's shortest decimal that
 * reads back to the same double, so the file pins the exact bits.
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
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
            json.writeStartObject();
            json.writeNumberField("train_loss", train);
            json.writeNumberField("val_loss", val);
            json.writeNumberField("test_loss", test);
            json.writeNumberField("steps", run.steps());
            json.writeNumberField("seed", run.seed());
            json.writeFieldName("seconds");
            json.writeNumber(String.format(Locale.ROOT, "%.3f", seconds));
            json.writeFieldName("steps_per_second");
            json.writeNumber(String.format(Locale.ROOT, "%.1f", stepsPerSecond()));
            json.writeNumberField("embd", run.embd());
            json.writeNumberField("hidden", run.hidden());
            json.writeNumberField("block", run.block());
            json.writeNumberField("batch", run.batch());
            json.writeNumberField("lr", finite(run.schedule().lr()));
            json.writeNumberField("lr_decay_step", run.schedule().decayStep());
            json.writeNumberField("lr_after", finite(run.schedule().lrAfter()));
            json.writeStringField("data", run.data());
            json.writeStringField("data_sha256", run.dataSha256());
            json.writeStringField("version", run.version());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON write failed", e);
        }
        return text + "\n";
    }

    /** The file's bytes, UTF-8. */
    public byte[] bytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** A learning rate must be a finite double: JSON has no number for NaN or infinity. */
    static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("Metrics: JSON has no number for " + d);
        }
        return d;
    }
}
