package org.backpropninja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages read bottom-up, with no arrow going back up:
 *
 * <pre>
 *   commands   Main, Train, Sample, Evaluate, GradCheck, Bench (the top-level classes)
 *   cli        bench       options and exit statuses; the step benchmark the bench command runs
 *   notebook   run         the notebook's recipe and cells; a run's output directory, plot, metrics
 *   train      model       the training loop; a trained model, its file, sampler and evaluator
 *   data       judge       the names, vocabulary and splits; the judge of any layer's backward (docs/own-layer.md)
 *   ops   nn   check   rng   safetensors
 *   matrix     failure     terminal    the one "bad input" supertype; the live progress line
 * </pre>
 *
 * A package may use only packages on a lower line: never one on its own line (so ops and nn never
 * use each other) and never one above it. The uses are read from the main sources as written:
 * every {@code org.backpropninja.<package>} a file names, in its imports or fully qualified in its
 * code. {@code cli} is the commands' alone; that rule has its own test.
 */
class PackageDependencyTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "backpropninja");

    /** The top-level classes, the commands, sit in the root package; this is its name here. */
    static final String COMMANDS = "commands";

    /** Each package's line in the picture above, 0 at the bottom. */
    static final Map<String, Integer> RANK = Map.ofEntries(Map.entry("matrix", 0), Map.entry("failure", 0), Map.entry("terminal", 0),
            Map.entry("ops", 1), Map.entry("nn", 1), Map.entry("check", 1), Map.entry("rng", 1),
            Map.entry("safetensors", 1), Map.entry("data", 2), Map.entry("judge", 2), Map.entry("train", 3),
            Map.entry("model", 3), Map.entry("notebook", 4), Map.entry("run", 4), Map.entry("cli", 5),
            Map.entry("bench", 5), Map.entry(COMMANDS, 6));

    private static final Pattern NAMED = Pattern.compile("\\borg\\.backpropninja\\.(\\w+)");

    /** One use: the file (relative to the main source root), its package and the package it names. */
    record Use(String file, String from, String to) {
        @Override
        public String toString() {
            return file + " (" + from + ") uses " + to;
        }
    }

    /** The uses of other packages in one source file of package {@code from}. */
    static List<Use> uses(String file, String from, String source) {
        TreeSet<String> to = new TreeSet<>();
        Matcher m = NAMED.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            String pkg = Character.isUpperCase(name.charAt(0)) ? COMMANDS : name;
            if (!pkg.equals(from)) {
                to.add(pkg);
            }
        }
        return to.stream().map(t -> new Use(file, from, t)).toList();
    }

    /** Every use in the main sources. */
    static List<Use> mainUses() {
        List<Use> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Path rel = MAIN.relativize(f);
                String from = rel.getNameCount() == 1 ? COMMANDS : rel.getName(0).toString();
                String source = Files.readString(f, StandardCharsets.UTF_8)
                        .replaceFirst("(?m)^package [\\w.]+;", "");
                all.addAll(uses(rel.toString(), from, source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The uses that go sideways or up, leaving uses of cli to {@link #cliViolations}. */
    static List<Use> layerViolations(List<Use> uses) {
        return uses.stream().filter(u -> !u.to().equals("cli"))
                .filter(u -> RANK.containsKey(u.from()) && RANK.containsKey(u.to()))
                .filter(u -> RANK.get(u.to()) >= RANK.get(u.from())).toList();
    }

    /** The uses of cli from anywhere but the commands. */
    static List<Use> cliViolations(List<Use> uses) {
        return uses.stream().filter(u -> u.to().equals("cli") && !u.from().equals(COMMANDS)).toList();
    }

    /** The packages used or using that have no line in the picture. */
    static List<String> unranked(List<Use> uses) {
        TreeSet<String> out = new TreeSet<>();
        for (Use u : uses) {
            for (String p : List.of(u.from(), u.to())) {
                if (!RANK.containsKey(p)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String describe(List<Use> uses) {
        return String.join("\n  ", uses.stream().map(Use::toString).toList());
    }

    @Test
    void opsAndNnNeverUseEachOther() {
        List<Use> across = mainUses().stream().filter(u -> u.from().equals("ops") && u.to().equals("nn")
                || u.from().equals("nn") && u.to().equals("ops")).toList();
        assertTrue(across.isEmpty(), () -> "ops and nn must not use each other:\n  " + describe(across));
    }

    @Test
    void noPackageUsesOneOnItsOwnLineOrAbove() {
        List<Use> bad = layerViolations(mainUses());
        assertTrue(bad.isEmpty(), () -> "uses that go sideways or up:\n  " + describe(bad));
    }

    /** Options and sentences for the user are the commands' alone: the library throws {@code BadInput} subclasses of its own. */
    @Test
    void onlyTheCommandsUseCli() {
        List<Use> bad = cliViolations(mainUses());
        assertTrue(bad.isEmpty(), () -> "cli is for the commands alone:\n  " + describe(bad));
    }

    @Test
    void everyPackageHasALineInThePicture() {
        List<Use> uses = mainUses();
        assertFalse(uses.isEmpty(), "the scan found no use of one package by another under " + MAIN);
        assertEquals(List.of(), unranked(uses), "packages missing from RANK");
        try (Stream<Path> dirs = Files.list(MAIN)) {
            List<String> missing = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(p -> !RANK.containsKey(p)).sorted().toList();
            assertEquals(List.of(), missing, "packages missing from RANK");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules above would fail on a deliberate back-import: each kind, written as a source file would. */
    @Test
    void theRulesCatchDeliberateBackImports() {
        List<Use> opsOnNn = uses("ops/Pow.java", "ops", "import org.backpropninja.nn.Params;");
        List<Use> nnOnOps = uses("nn/Mlp.java", "nn", "org.backpropninja.ops.Tanh.forward(x)");
        List<Use> matrixOnNotebook = uses("matrix/Matrix.java", "matrix",
                "import org.backpropninja.notebook.StagedChain;");
        List<Use> dataOnTrain = uses("data/Split.java", "data", "import org.backpropninja.model.Model;");
        List<Use> trainOnCommand = uses("train/Trainer.java", "train", "import org.backpropninja.Train;");
        List<Use> trainOnModel = uses("train/Trainer.java", "train", "import org.backpropninja.model.Model;");
        List<Use> modelOnRun = uses("model/ModelFile.java", "model", "import org.backpropninja.run.RunDirectory;");
        List<Use> runOnNotebook = uses("run/Metrics.java", "run", "import org.backpropninja.notebook.Recipe;");
        List<Use> trainOnNotebook = uses("train/Sgd.java", "train", "import org.backpropninja.notebook.Recipe;");
        List<Use> failureOnData = uses("failure/BadInput.java", "failure", "import org.backpropninja.data.Names;");
        List<Use> matrixOnFailure = uses("matrix/Matrix.java", "matrix", "import org.backpropninja.failure.BadInput;");
        List<Use> benchOnCommand = uses("bench/StepBench.java", "bench", "import org.backpropninja.Bench;");
        List<Use> checkOnJudge = uses("check/Report.java", "check", "import org.backpropninja.judge.Verdict;");
        List<Use> judgeOnData = uses("judge/Judge.java", "judge", "import org.backpropninja.data.Names;");
        for (List<Use> back : List.of(opsOnNn, nnOnOps, matrixOnNotebook, dataOnTrain, trainOnCommand, trainOnModel,
                modelOnRun, runOnNotebook, trainOnNotebook, failureOnData, matrixOnFailure, benchOnCommand,
                checkOnJudge, judgeOnData)) {
            assertEquals(back, layerViolations(back), () -> "not caught: " + back);
        }
        List<Use> dataOnCli = uses("data/Names.java", "data", "import org.backpropninja.cli.UsageError;");
        assertEquals(dataOnCli, cliViolations(dataOnCli));
        List<Use> benchOnCli = uses("bench/StepBench.java", "bench", "import org.backpropninja.cli.NetworkOptions;");
        assertEquals(benchOnCli, cliViolations(benchOnCli));
        List<Use> unknown = uses("extra/X.java", "extra", "import org.backpropninja.matrix.Matrix;");
        assertEquals(List.of("extra"), unranked(unknown));
        // and the allowed directions pass: down one line, down several, the commands on cli
        List<Use> fine = new ArrayList<>();
        fine.addAll(uses("notebook/StagedChain.java", "notebook",
                "import org.backpropninja.ops.Pow;\nimport org.backpropninja.nn.Params;\nimport org.backpropninja.matrix.Matrix;"));
        fine.addAll(uses("Train.java", COMMANDS, "import org.backpropninja.cli.Cli;\nimport org.backpropninja.train.Sgd;"));
        fine.addAll(uses("notebook/Recipe.java", "notebook", "import org.backpropninja.train.Sgd;"));
        fine.addAll(uses("run/Metrics.java", "run", "import org.backpropninja.train.Sgd;"));
        fine.addAll(uses("data/DataException.java", "data", "import org.backpropninja.failure.BadInput;"));
        fine.addAll(uses("bench/StepBench.java", "bench", "import org.backpropninja.notebook.Recipe;"));
        assertEquals(List.of(), layerViolations(fine));
        assertEquals(List.of(), cliViolations(fine));
    }
}
