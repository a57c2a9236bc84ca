package dev.stoa.hub.githttp;

import dev.stoa.hub.testing.Programs;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code git} (and git-lfs) against the test server, with a home and configuration of its own:
 * the user's config, credential helpers and terminal prompts are never used.
 */
final class GitClient {

    private static final long TIMEOUT_SECONDS = 120;
    private static volatile boolean toolsChecked;

    private final Path home;

    GitClient() {
        try {
            home = Files.createTempDirectory("stoa-git-home");
            Files.writeString(home.resolve(".gitconfig"), """
                    [user]
                    \tname = Stoa Test
                    \temail = test@example.org
                    [init]
                    \tdefaultBranch = main
                    [advice]
                    \tdetachedHead = false
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a git command did. */
    record Result(int exitCode, String output) {
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("git failed with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /**
     * Installs git and git-lfs when missing, once per JVM, with the project's script: a JUnit-side check rather
     * than a build step, so that a test run from an IDE gets the tools too and builds that skip these tests
     * never need them.
     */
    static void ensureTools() {
        if (toolsChecked) {
            return;
        }
        Path script = Paths.get("src/test/scripts/ensure-test-tools.sh");
        Result result = run(Paths.get("."), Map.of(), "sh", script.toString());
        if (result.exitCode() != 0) {
            throw new IllegalStateException("The git tools for these tests are missing: " + result.output());
        }
        toolsChecked = true;
    }

    /** {@code http://git:<token>@127.0.0.1:<port>/<path>}, or without credentials when {@code token} is null. */
    static String url(String token, String path) {
        String credentials = token == null ? "" : "git:" + token + "@";
        return "http://" + credentials + "127.0.0.1:" + RestAssured.port + "/" + path;
    }

    Path newDir(String prefix) {
        try {
            return Files.createTempDirectory(home, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code git args...} in {@code dir}. */
    Result git(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(Arrays.asList(args));
        return run(dir, Map.of(
                "HOME", home.toString(),
                "GIT_CONFIG_GLOBAL", home.resolve(".gitconfig").toString(),
                "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_TERMINAL_PROMPT", "0"), command.toArray(String[]::new));
    }

    /** Clones {@code url} into a new directory and returns it. */
    Path cloneOf(String url, String... options) {
        Path dir = newDir("clone");
        List<String> args = new ArrayList<>(List.of("clone"));
        args.addAll(Arrays.asList(options));
        args.add(url);
        args.add(".");
        git(dir, args.toArray(String[]::new)).ok();
        return dir;
    }

    /** Clones, expecting failure; returns git's output. */
    Result failedClone(String url) {
        return git(newDir("failed-clone"), "clone", url, ".");
    }

    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result run(Path dir, Map<String, String> env, String... command) {
        Programs.Result result = Programs.run(dir, env, name -> name.startsWith("GIT_") || name.endsWith("_ASKPASS"),
                Duration.ofSeconds(TIMEOUT_SECONDS), command);
        return new Result(result.exitCode(), result.output());
    }
}
