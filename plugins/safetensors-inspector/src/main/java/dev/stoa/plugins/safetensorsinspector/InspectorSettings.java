package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.PluginConfig;

import java.util.List;

/**
 * The plugin's configuration ({@code stoa.plugins.safetensors-inspector.*}).
 *
 * @param maxHeaderBytes     the largest safetensors JSON header accepted, in bytes
 * @param maxJsonBytes       the largest index or {@code adapter_config.json} read, in bytes
 * @param maxFindingsPerFile the most findings reported for one file
 */
record InspectorSettings(long maxHeaderBytes, long maxJsonBytes, int maxFindingsPerFile) {

    static final String MAX_HEADER_BYTES = "max-header-bytes";
    static final String MAX_JSON_BYTES = "max-json-bytes";
    static final String MAX_FINDINGS_PER_FILE = "max-findings-per-file";

    /** As the safetensors library itself caps headers. */
    static final long DEFAULT_MAX_HEADER_BYTES = 100_000_000L;
    static final long DEFAULT_MAX_JSON_BYTES = 16L * 1024 * 1024;
    static final int DEFAULT_MAX_FINDINGS_PER_FILE = 50;

    static List<ConfigProperty> properties() {
        return List.of(
                ConfigProperty.optional(MAX_HEADER_BYTES, ConfigProperty.Type.LONG, Long.toString(DEFAULT_MAX_HEADER_BYTES),
                        "Largest safetensors JSON header accepted, in bytes; a larger one is reported as safetensors.header.too-large."),
                ConfigProperty.optional(MAX_JSON_BYTES, ConfigProperty.Type.LONG, Long.toString(DEFAULT_MAX_JSON_BYTES),
                        "Largest model.safetensors.index.json or adapter_config.json read, in bytes."),
                ConfigProperty.optional(MAX_FINDINGS_PER_FILE, ConfigProperty.Type.INTEGER, Integer.toString(DEFAULT_MAX_FINDINGS_PER_FILE),
                        "Most findings reported for one file; the rest are counted in one safetensors.findings.truncated finding."));
    }

    static InspectorSettings from(PluginConfig config) {
        long maxHeader = positive(config.getLong(MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_BYTES), MAX_HEADER_BYTES);
        long maxJson = positive(config.getLong(MAX_JSON_BYTES, DEFAULT_MAX_JSON_BYTES), MAX_JSON_BYTES);
        int maxFindings = (int) positive(config.getInt(MAX_FINDINGS_PER_FILE, DEFAULT_MAX_FINDINGS_PER_FILE), MAX_FINDINGS_PER_FILE);
        return new InspectorSettings(maxHeader, maxJson, maxFindings);
    }

    private static long positive(long value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException("stoa.plugins." + SafetensorsInspectorPlugin.ID + "." + key + " must be positive, was " + value);
        }
        return value;
    }
}
