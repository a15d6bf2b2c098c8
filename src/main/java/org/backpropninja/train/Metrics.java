package org.backpropninja.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * metrics.json: the final split losses, steps, seconds and steps per second of a run.
 * Losses are printed with 17 significant digits so that the file pins the exact bits.
 */
public record Metrics(double train, double val, double test, long steps, double seconds, long seed) {

    public double stepsPerSecond() {
        return seconds > 0 ? steps / seconds : 0.0;
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
                  "steps_per_second": %.1f
                }
                """, train, val, test, steps, seed, seconds, stepsPerSecond());
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
