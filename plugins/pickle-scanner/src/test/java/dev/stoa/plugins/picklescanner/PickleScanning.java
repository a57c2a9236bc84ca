package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Revision;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Runs the plugin's evaluator the way the host does, and reads its result. */
final class PickleScanning {

    private PickleScanning() {
    }

    static CheckResult scan(Revision revision) {
        return scan(revision, Map.of());
    }

    static CheckResult scan(Revision revision, Map<String, String> config) {
        try {
            return PluginTestKit.load(PickleScannerPlugin.ID).evaluator("pickle-imports", config)
                    .evaluate(revision, CheckContext.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CheckResult scanFile(String path, byte[] content) {
        return scan(InMemoryRevision.builder().file(path, content).build());
    }

    static List<Finding> findings(CheckResult result, String code) {
        return result.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    static long count(CheckResult result, String metric) {
        return result.metrics().stream().filter(m -> m.name().equals(metric)).map(m -> ((Metric.Count) m).value())
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + metric));
    }
}
