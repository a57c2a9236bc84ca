package dev.stoa.spi;

import java.util.List;

/**
 * The single entry point of a plugin jar, found with {@link java.util.ServiceLoader}: a jar lists its
 * implementation in {@code META-INF/services/dev.stoa.spi.StoaPlugin}, and has exactly one.
 *
 * <p>Every extension kind is a {@code default} method returning an empty list, so a plugin implements only
 * the kinds it offers, and adding a kind to a later SPI version breaks no existing plugin.
 *
 * <p><b>Lifecycle.</b> The host creates one instance with the public no-argument constructor, reads
 * {@link #descriptor()} and checks {@link PluginDescriptor#requiredSpi()} before calling anything else. The
 * factories are asked for once, at start. <b>Threading:</b> the methods here are called from one thread.
 * <b>Nullability:</b> nothing here returns {@code null}.
 */
public interface StoaPlugin {

    /** What this plugin is: id, version, the SPI version it needs, its configuration properties. */
    PluginDescriptor descriptor();

    /** Evaluators this plugin offers (analyses of a revision: formats, scans, cards, benchmarks). */
    default List<EvaluatorFactory> evaluators() {
        return List.of();
    }

    /** License checkers this plugin offers (license identification and lineage checks of a revision). */
    default List<LicenseCheckerFactory> licenseCheckers() {
        return List.of();
    }

    /** Inference runners this plugin offers (serving models in process, on remote servers or on GPUs); since 1.1. */
    default List<InferenceRunnerFactory> inferenceRunners() {
        return List.of();
    }
}
