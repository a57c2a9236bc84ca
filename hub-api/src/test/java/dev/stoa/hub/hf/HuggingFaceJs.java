package dev.stoa.hub.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.testing.Programs;
import dev.stoa.hub.testing.Programs.Result;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the scripts of {@code src/test/js} with Node.js and Hugging Face's own JavaScript client
 * ({@code @huggingface/hub}, installed from the lock file by {@code ensure-test-tools.sh js}).
 */
final class HuggingFaceJs {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Path SCRIPTS = Path.of("target", "test-js");
    private static volatile boolean installed;

    private HuggingFaceJs() {
    }

    /** Runs {@code script} with {@code env}; its last line of output is the JSON it reports. */
    static JsonNode run(String script, Map<String, String> env) {
        install();
        Result result = exec(SCRIPTS, env, "node", script);
        if (result.exitCode() != 0) {
            throw new AssertionError("node " + script + " failed with " + result.exitCode() + ":\n" + result.output());
        }
        String[] lines = result.output().strip().split("\n");
        try {
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("node " + script + " printed no JSON report:\n" + result.output(), e);
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Result result = exec(Path.of("."), Map.of(), "sh", "src/test/scripts/ensure-test-tools.sh", "js");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Node.js or the JavaScript client is missing: " + result.output());
        }
        installed = true;
    }

    private static Result exec(Path dir, Map<String, String> env, String... command) {
        return Programs.run(dir, env, name -> name.startsWith("HF_") || name.startsWith("NODE_"), TIMEOUT, command);
    }
}
