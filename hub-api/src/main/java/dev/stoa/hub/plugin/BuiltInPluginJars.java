package dev.stoa.hub.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugins Stoa ships: jars carried inside Stoa as resources ({@code built-in-plugins/}, listed in its
 * {@code index.txt}), copied to a folder of their own at start so that each can be loaded like an external
 * plugin, in a class loader that sees only the SPI. Their libraries (an SPDX library, a JSON parser) thus
 * never meet Stoa's own.
 */
final class BuiltInPluginJars {

    private static final String FOLDER = "built-in-plugins/";

    private BuiltInPluginJars() {
    }

    /** Copies the built-in plugin jars into {@code target} (created if needed) and returns their paths. */
    static List<Path> copyTo(Path target, ClassLoader resources) {
        List<Path> jars = new ArrayList<>();
        try (InputStream index = resources.getResourceAsStream(FOLDER + "index.txt")) {
            if (index == null) {
                return jars;
            }
            Files.createDirectories(target);
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try (InputStream jar = resources.getResourceAsStream(FOLDER + name)) {
                    if (jar == null) {
                        throw new IllegalStateException("The built-in plugin " + name + " is missing from this build of"
                                + " Stoa; rebuild it with ./mvnw install.");
                    }
                    Path copy = target.resolve(name);
                    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                    jars.add(copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The built-in plugins could not be copied to " + target + ": " + e.getMessage(), e);
        }
        return jars;
    }
}
