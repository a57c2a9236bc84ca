package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the test launchers share: the JVM to run, free ports, and a last-resort kill at JVM exit. */
public final class ChildProcesses {

    private static final Map<Object, Runnable> KILLS = new ConcurrentHashMap<>();

    static {
        // A test run that is interrupted (Ctrl-C, a timeout in CI) must not leave servers listening.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> KILLS.values().forEach(Runnable::run), "stoa-test-reaper"));
    }

    private ChildProcesses() {
    }

    /** The java binary of this JVM, so the app runs on the JDK the build chose. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A loopback port nothing listens on right now (another process could still take it before we do). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar handed to the tests by a system property, or a failure that says how to get it. */
    static Path requiredJar(String property, String howToBuild) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the integration"
                    + " tests through Maven (./mvnw -pl hub-api verify), which sets it.");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: " + howToBuild);
        }
        return jar;
    }

    /** A log file under {@code target/it-logs}, beside the jar the process runs from. */
    static Path logFile(Path jar, String name) {
        Path target = jar.toAbsolutePath().getParent().getParent();
        return target.resolve("it-logs").resolve(name + "-" + System.currentTimeMillis() + ".log");
    }

    /** Runs {@code kill} if this JVM exits while {@code owner} is still running. */
    static void killAtExit(Object owner, Runnable kill) {
        KILLS.put(owner, kill);
    }

    static void forget(Object owner) {
        KILLS.remove(owner);
    }
}
