package org.backpropninja.notebook;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The learner's workbook, src/workbook/java, compiled on its own into target/workbook-classes with
 * the JDK's compiler when a source is newer than its last compile, and loaded: the judge's fast loop
 * (docs/workbook.md) never recompiles the project or its tests. Also writes target/judge, the
 * argument file that runs the judge again with {@code java @target/judge}.
 */
final class WorkbookSource {

    static final Path SOURCES = Path.of("src/workbook/java");
    static final Path CLASSES = Path.of("target/workbook-classes");
    static final Path ARGS = Path.of("target/judge");

    private WorkbookSource() {
    }

    /** Why the workbook could not be judged: one sentence, or the compiler's messages. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /** The classpath this JVM runs on: the class loader's URLs under Maven, java.class.path under java. */
    static String classpath() {
        List<String> entries = new ArrayList<>();
        if (WorkbookSource.class.getClassLoader() instanceof URLClassLoader u) {
            for (URL url : u.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    entries.add(url.getPath());
                }
            }
        }
        if (entries.isEmpty()) {
            return System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Where the main code's classes are: the workbook's whole compile classpath. */
    static String mainClasses() {
        try {
            return Path.of(Exercises.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the main classes' location is not a path: " + e.getMessage(), e);
        }
    }

    /**
     * Writes target/judge, for {@code java @target/judge ...}: this classpath and the main class, and
     * two options for a short run -- the quick compiler only (most of a short run is warming up,
     * and the optimising compiler's work would not pay back) and the serial collector (no collector
     * threads to start on a small heap). Neither changes a computed bit.
     */
    static void writeArgs(String mainClass) throws IOException {
        String cp = classpath().replace('\\', '/');
        Files.createDirectories(ARGS.getParent());
        Files.writeString(ARGS, "-XX:TieredStopAtLevel=1\n-XX:+UseSerialGC\n-cp \"" + cp + "\"\n" + mainClass + "\n",
                StandardCharsets.UTF_8);
    }

    /** Compiles the workbook if a source is newer than the last compile, and loads the named class of it. */
    static Class<?> load(String className) throws Unusable, IOException {
        if (!Files.isDirectory(SOURCES)) {
            throw new Unusable("there is no " + SOURCES + " here: run this at the top of the clone");
        }
        List<Path> sources;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Path stamp = CLASSES.resolve(".compiled");
        long compiled = Files.exists(stamp) ? Files.getLastModifiedTime(stamp).toMillis() : Long.MIN_VALUE;
        boolean stale = false;
        for (Path p : sources) {
            stale |= Files.getLastModifiedTime(p).toMillis() >= compiled;
        }
        if (stale) {
            compile(sources);
            Files.writeString(stamp, "");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {CLASSES.toUri().toURL()},
                WorkbookSource.class.getClassLoader());
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new Unusable("the workbook has no class " + className + ": reset it with git checkout -- src/workbook");
        }
    }

    private static void compile(List<Path> sources) throws Unusable, IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new Unusable("this Java has no compiler: run the judge with a JDK 17, not a JRE");
        }
        deleteClasses();
        Files.createDirectories(CLASSES);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            // the workbook reads the main code only; no annotation processors to look for in the jars
            List<String> options = List.of("-d", CLASSES.toString(), "-cp", mainClasses(), "-proc:none",
                    "--release", "17", "-encoding", "UTF-8", "-Xlint:all");
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            if (!ok) {
                List<String> lines = new ArrayList<>();
                lines.add("the workbook does not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                                + d.getLineNumber() + ": ";
                        lines.add("  " + file + d.getMessage(Locale.ROOT));
                    }
                }
                throw new Unusable(String.join("\n", lines));
            }
        }
    }

    private static void deleteClasses() throws IOException {
        if (!Files.exists(CLASSES)) {
            return;
        }
        try (Stream<Path> s = Files.walk(CLASSES)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
