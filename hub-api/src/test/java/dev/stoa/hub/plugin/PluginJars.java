package dev.stoa.hub.plugin;

import dev.stoa.spi.StoaPlugin;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds real plugin jars in tests: compiles Java sources against the SPI and packs them with a services file. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * A jar at {@code folder/<name>.jar} of the given sources (class name → source), listing {@code pluginClass}
     * as its {@code StoaPlugin}.
     */
    static Path build(Path folder, String name, String pluginClass, Map<String, String> sources) throws IOException {
        return build(folder, name, pluginClass, sources, spiLocation());
    }

    /** As {@link #build(Path, String, String, Map)}, compiled against the SPI jar at {@code spiJar}. */
    static Path build(Path folder, String name, String pluginClass, Map<String, String> sources, String spiJar)
            throws IOException {
        Path src = Files.createTempDirectory(folder, name + "-src");
        Path classes = Files.createTempDirectory(folder, name + "-classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", spiJar, "--release", "21",
                "-proc:none"));
        args.addAll(files);
        int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("Compiling the test plugin failed:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        Path jar = folder.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
            zip.putNextEntry(new JarEntry("META-INF/services/dev.stoa.spi.StoaPlugin"));
            zip.write((pluginClass + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    /**
     * The source of a plugin {@code test.<Id>Plugin} with one evaluator {@code check} whose evaluate method has
     * {@code body} (it returns a CheckResult; {@code revision} and {@code context} are in scope).
     */
    static String plugin(String className, String id, String spi, String properties, String body) {
        return """
                package test;
                import dev.stoa.spi.*;
                import java.util.List;
                public class %s implements StoaPlugin {
                    public PluginDescriptor descriptor() {
                        return new PluginDescriptor("%s", "%s", "1.0", new SpiVersion.Required(%s), "test", List.of(%s));
                    }
                    public List<EvaluatorFactory> evaluators() {
                        return List.of(new EvaluatorFactory() {
                            public String name() { return "check"; }
                            public Evaluator create(PluginConfig config) {
                                return (revision, context) -> { %s };
                            }
                        });
                    }
                }
                """.formatted(className, id, id, spi.replace('.', ','), properties, body);
    }

    private static String spiLocation() {
        try {
            return Path.of(StoaPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
