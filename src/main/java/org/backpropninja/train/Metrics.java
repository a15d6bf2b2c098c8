package org.backpropninja.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * metrics.json: the final split losses, steps, seconds and steps per second of a run, written
 * through Jackson's generator. Losses are written as Java's shortest decimal that reads back to
 * the same double, so the file pins the exact bits.
 */
public record Metrics(double train, double val, double test, long steps, double seconds, long seed) {

    public double stepsPerSecond() {
        return seconds > 0 ? steps / seconds : 0.0;
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
            json.writeNumberField("steps", steps);
            json.writeNumberField("seed", seed);
            json.writeFieldName("seconds");
            json.writeNumber(String.format(Locale.ROOT, "%.3f", seconds));
            json.writeFieldName("steps_per_second");
            json.writeNumber(String.format(Locale.ROOT, "%.1f", stepsPerSecond()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON write failed", e);
        }
        return text + "\n";
    }

    /** Writes metrics.json atomically. */
    public void write(Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "metrics", ".json.tmp");
        try {
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
