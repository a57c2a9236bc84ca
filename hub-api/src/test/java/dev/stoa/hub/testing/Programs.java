package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs the real client programs the end-to-end tests drive (git, Node.js), each to its end, with its output. */
public final class Programs {

    /** What a program did: its exit code and its standard output and error, interleaved. */
    public record Result(int exitCode, String output) {
    }

    private Programs() {
    }

    /**
     * Runs {@code command} in {@code dir} with this JVM's environment less the variables {@code dropInherited} names
     * (the user's own settings for that program), plus {@code env}; fails when it runs longer than {@code timeout}.
     */
    public static Result run(Path dir, Map<String, String> env, Predicate<String> dropInherited, Duration timeout,
                             String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(dropInherited);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Read while it runs: a full pipe would block the program.
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
