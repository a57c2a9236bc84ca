package dev.stoa.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * curl as the client of every timed transfer, so that Stoa, the object store and nginx are measured with the
 * same fast client (the JDK's HttpClient tops out below what the servers can do here).
 */
final class Curl {

    private Curl() {
    }

    /** Downloads {@code url} (following redirects) to nowhere; returns MiB/s and checks the byte count. */
    static double download(String url, long expectedBytes) {
        return run(expectedBytes, "-L", "-o", "/dev/null", "-w", "%{size_download} %{time_total}", url);
    }

    /** PUTs a file to {@code url} as application/octet-stream; returns MiB/s. */
    static double upload(String url, Path file, long bytes) {
        return run(bytes, "-X", "PUT", "-T", file.toString(), "-H", "Content-Type: application/octet-stream",
                "-H", "Expect:", "-o", "/dev/null", "-w", "%{size_upload} %{time_total}", url);
    }

    private static double run(long expectedBytes, String... arguments) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-f"));
        command.addAll(List.of(arguments));
        try {
            Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (curl.waitFor() != 0) {
                throw new IllegalStateException("curl " + String.join(" ", arguments) + " failed: " + out);
            }
            String[] figures = out.substring(out.lastIndexOf('\n') + 1).trim().split(" ");
            long bytes = (long) Double.parseDouble(figures[0]);
            if (bytes != expectedBytes) {
                throw new IllegalStateException("curl moved " + bytes + " bytes, not " + expectedBytes + ": " + out);
            }
            return bytes / (1024.0 * 1024.0) / Double.parseDouble(figures[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
