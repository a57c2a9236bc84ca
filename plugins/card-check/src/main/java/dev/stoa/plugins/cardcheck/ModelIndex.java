package dev.stoa.plugins.cardcheck;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a card's {@code model-index} results into metrics named {@code eval.<dataset>.<metric>}: the dataset's
 * {@code type} (or {@code name}) with its {@code config} when it has one, and the metric's {@code type} (or
 * {@code name}), both lowercased with other characters than letters, digits, {@code _} and {@code -} turned into
 * {@code -}. The first value of a name wins.
 *
 * @param metrics  the numeric results
 * @param findings problems in the {@code model-index} structure or values
 */
public record ModelIndex(List<Metric> metrics, List<Finding> findings) {

    /** Reads {@code cardData.get("model-index")}; {@code null} gives no metrics. */
    public static ModelIndex read(Object modelIndex) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        if (modelIndex == null) {
            return new ModelIndex(List.of(), findings);
        }
        if (!(modelIndex instanceof List<?> models)) {
            findings.add(invalid("model-index is not a list of models"));
            return new ModelIndex(List.of(), findings);
        }
        for (Object model : models) {
            if (!(model instanceof Map<?, ?> modelMap) || !(modelMap.get("results") instanceof List<?> results)) {
                findings.add(invalid("a model-index entry has no list of results"));
                continue;
            }
            for (Object result : results) {
                if (!(result instanceof Map<?, ?> resultMap) || !(resultMap.get("metrics") instanceof List<?> values)
                        || !(resultMap.get("dataset") instanceof Map<?, ?> dataset)) {
                    findings.add(invalid("a model-index result lacks its dataset or its list of metrics"));
                    continue;
                }
                String datasetName = slug(first(dataset.get("type"), dataset.get("name")));
                String config = slug(text(dataset.get("config")));
                if (datasetName == null) {
                    findings.add(invalid("a model-index result's dataset has neither type nor name"));
                    continue;
                }
                if (config != null && !config.equals(datasetName)) {
                    datasetName = datasetName + "-" + config;
                }
                for (Object value : values) {
                    if (!(value instanceof Map<?, ?> metric)) {
                        findings.add(invalid("a model-index metric is not a mapping"));
                        continue;
                    }
                    String metricName = slug(first(metric.get("type"), metric.get("name")));
                    Double number = number(metric.get("value"));
                    if (metricName == null || number == null) {
                        findings.add(Finding.of(Severity.INFO, "card.model-index.value-not-number", "README.md",
                                "The model-index result " + datasetName + "/" + metricName + " has no numeric value ("
                                        + metric.get("value") + ")."));
                        continue;
                    }
                    String name = "eval." + datasetName + "." + metricName;
                    metrics.putIfAbsent(name, Metric.number(name, number, null));
                }
            }
        }
        return new ModelIndex(List.copyOf(metrics.values()), findings);
    }

    private static Finding invalid(String what) {
        return Finding.of(Severity.LOW, "card.model-index-invalid", "README.md",
                "The card's model-index does not follow the Hub's format: " + what + ".");
    }

    private static String first(Object a, Object b) {
        String text = text(a);
        return text != null ? text : text(b);
    }

    private static String text(Object value) {
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> || value.toString().isBlank()
                ? null : value.toString().strip();
    }

    private static String slug(String text) {
        if (text == null) {
            return null;
        }
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? null : slug;
    }

    private static Double number(Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof String text) {
            try {
                double d = Double.parseDouble(text.strip().replaceFirst("\\s*%$", ""));
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
