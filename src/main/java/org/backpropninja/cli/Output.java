package org.backpropninja.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * A command's standard output that remembers why a write failed. A {@link PrintStream} swallows the
 * {@link IOException} of a failed write and keeps only a flag ({@link #checkError}); this one keeps the
 * first exception too, so a command whose output went nowhere -- a full disk ({@code > /dev/full}), a
 * closed pipe ({@code | head -2}) -- can say which in one sentence and exit 1 instead of 0.
 */
public final class Output extends PrintStream {

    private final Recorder recorder;

    private Output(Recorder recorder, Charset charset) {
        super(recorder, true, charset);
        this.recorder = recorder;
    }

    /** Output into {@code sink} in {@code charset}, flushed at every line. */
    public static Output of(OutputStream sink, Charset charset) {
        return new Output(new Recorder(sink), charset);
    }

    /**
     * The process's standard output, in the charset {@code System.out} uses (the platform's, unless the
     * JVM was told another for stdout), buffered as {@code System.out} is.
     */
    public static Output standard() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        Charset charset = Charset.defaultCharset();
        if (name != null && Charset.isSupported(name)) {
            charset = Charset.forName(name);
        }
        return of(new java.io.BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192), charset);
    }

    /** The first write or flush that failed, if any; flushes first, so a failure still in the buffer shows. */
    public Optional<IOException> failure() {
        return checkError() ? Optional.of(recorder.first != null ? recorder.first
                : new IOException("no reason given")) : Optional.empty();
    }

    /**
     * What happened to the output, for a sentence: for example {@code the output could not be written (No
     * space left on device)}; empty while every write succeeded.
     */
    public Optional<String> problem() {
        return failure().map(e -> "the output could not be written (" + e.getMessage() + ")");
    }

    /**
     * Where a command stops when its output fails midway: the sentence says what was lost, for
     * example {@code the output could not be written after 2 of 100000 names (Broken pipe); stopped}.
     * The shell prints it after the program's name and exits 1.
     */
    public static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Lost(String message) {
            super(message, null, false, false);
        }
    }

    /** The exception that stops a command whose output failed after {@code what}: "after 2 of 20 names". */
    public Lost lost(String what) {
        return new Lost("the output could not be written " + what + " ("
                + failure().map(IOException::getMessage).orElse("no reason given") + "); stopped");
    }

    /** Passes every write on and keeps the first exception a write or flush threw. */
    private static final class Recorder extends FilterOutputStream {
        private IOException first;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        private IOException keep(IOException e) {
            if (first == null) {
                first = e;
            }
            return e;
        }
    }
}
