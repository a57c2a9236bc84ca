package dev.stoa.hub.bench;

import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.StoaPlugin;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.inference.ModelRef;
import dev.stoa.spi.testkit.PluginTestKit;
import dev.stoa.spi.testkit.RunnerHarness;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The baseline of the inference benchmarks: the built-in CPU runner's plugin jar loaded in the benchmark's JVM and
 * deployed on a model folder, its engine called directly.
 */
final class BuiltInCpuRunner {

    private BuiltInCpuRunner() {
    }

    /** What runs on the engine. */
    interface Body<T> {
        T run(LocalEngine engine) throws Exception;
    }

    static <T> T withEngine(Path folder, String work, Body<T> body) throws Exception {
        Path jar = Path.of("target/classes/built-in-plugins/cpu-runner.jar");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                BuiltInCpuRunner.class.getClassLoader())) {
            StoaPlugin plugin = ServiceLoader.load(StoaPlugin.class, loader).stream().map(ServiceLoader.Provider::get)
                    .filter(p -> p.descriptor().id().equals("cpu-runner")).findFirst().orElseThrow();
            InferenceRunner runner = PluginTestKit.of(plugin).inferenceRunner("cpu", Map.of());
            ModelRef ref = RunnerHarness.ref("bench/model");
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try (Deployment deployment = runner.deploy(DeploymentSpec.of(ref), new RunnerHarness.FolderContext(
                    Map.of(ref, folder), TransferBenchmark.fresh(work)))) {
                return body.run((LocalEngine) deployment.engine());
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }
}
