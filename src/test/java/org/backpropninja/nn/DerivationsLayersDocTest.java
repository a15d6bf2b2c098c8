package org.backpropninja.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every layer with a hand-written backward has its derivation: a {@code ###} heading naming the
 * class in backticks in docs/derivations-layers.md (Part 2 of the derivations), or in
 * docs/derivations.md once Part 2 has been appended there.
 */
class DerivationsLayersDocTest {

    private static final List<Path> DOCS = List.of(Path.of("docs", "derivations-layers.md"),
            Path.of("docs", "derivations.md"));
    private static final Path NN = Path.of("src", "main", "java", "org", "backpropninja", "nn");
    private static final Pattern BACKWARD = Pattern.compile("^\\s*public static \\S+ backward\\(", Pattern.MULTILINE);

    @Test
    void everyLayerWithABackwardHasASectionInTheDerivations() throws IOException {
        List<String> headings = new ArrayList<>();
        for (Path doc : DOCS) {
            if (Files.isRegularFile(doc)) {
                Files.readAllLines(doc, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("###"))
                        .forEach(headings::add);
            }
        }
        List<String> layers = new ArrayList<>();
        try (Stream<Path> files = Files.list(NN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String src = Files.readString(f, StandardCharsets.UTF_8);
                if (BACKWARD.matcher(src).find() || src.contains(" Params backward(")) {
                    String name = f.getFileName().toString();
                    layers.add(name.substring(0, name.length() - ".java".length()));
                }
            }
        }
        assertTrue(layers.containsAll(List.of("BatchNorm", "CrossEntropy", "Embedding", "Linear", "Mlp", "Tanh")),
                "layers found: " + layers);
        List<String> missing = layers.stream()
                .filter(c -> headings.stream().noneMatch(h -> h.contains("`" + c + "`"))).toList();
        assertTrue(missing.isEmpty(), "no ### heading naming " + missing + " in " + DOCS);
    }
}
