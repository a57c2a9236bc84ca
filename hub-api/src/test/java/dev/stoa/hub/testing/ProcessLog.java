package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The combined stdout and stderr of a child process, kept in memory for assertions and in a file
 * under {@code target/it-logs} for whoever reads a failed build.
 */
public final class ProcessLog {

    private static final int TAIL_CHARS = 6_000;

    private final Path file;
    private final StringBuilder text = new StringBuilder();
    private final Thread pump;

    private ProcessLog(Path file, InputStream output) {
        this.file = file;
        this.pump = Thread.ofPlatform().daemon().name("log-" + file.getFileName()).start(() -> copy(output));
    }

    /** Starts copying {@code process}'s output (with stderr redirected into it) until the process closes it. */
    public static ProcessLog follow(Process process, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcessLog(file, process.getInputStream());
    }

    public synchronized String text() {
        return text.toString();
    }

    /** The last few thousand characters, with the file's path, for failure messages. */
    public String tail() {
        String all = text();
        String tail = all.length() <= TAIL_CHARS ? all : "..." + all.substring(all.length() - TAIL_CHARS);
        return "--- log (full: " + file.toAbsolutePath() + ") ---\n" + tail + "\n--- end of log ---";
    }

    public Path file() {
        return file;
    }

    /** Waits until the process's output is fully read: call after it exited. */
    public void drain() {
        try {
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void copy(InputStream output) {
        char[] buffer = new char[8192];
        try (Reader in = new InputStreamReader(output, StandardCharsets.UTF_8);
             Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                append(new String(buffer, 0, n));
            }
        } catch (IOException e) {
            append("\n[log capture failed: " + e + "]\n");
        }
    }

    private synchronized void append(String chunk) {
        text.append(chunk);
    }
}
