package dev.stoa.hub.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.spi.inference.Resources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/deployments}, checked field by field: every mistake is a 400 that names the field
 * and says how to write it, and a key Stoa does not know is refused rather than ignored.
 *
 * @param name               the deployment's name; empty: derived from the model's
 * @param owner              the namespace it belongs to; empty: the caller's
 * @param model              {@code ns/name} or {@code ns/name@revision}
 * @param adapters           adapters to serve on it, written the same way
 * @param runner             {@code plugin/runner}; empty: the on-demand runner
 * @param scaleToZeroTimeout idle minutes before the engine stops; empty: the configured default; 0: never
 */
public record DeploymentRequest(Optional<String> name, Optional<String> owner, String model, List<String> adapters,
        Optional<String> runner, String task, Resources resources, Map<String, String> engineOptions,
        Optional<Integer> scaleToZeroTimeout) {

    static final int MAX_NAME = 40;
    static final int MAX_ADAPTERS = 64;
    static final int MAX_SCALE_TO_ZERO = 7 * 24 * 60;
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?");
    private static final Pattern CPU = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m)?");
    private static final Set<String> KEYS = Set.of("name", "owner", "model", "adapters", "runner", "task", "resources",
            "engineOptions", "scaleToZeroTimeout");
    private static final Set<String> RESOURCE_KEYS = Set.of("cpu", "memory", "gpus", "gpuType", "nodeSelector");

    public static DeploymentRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Send the deployment as a JSON object: {\"model\": \"namespace/name\", ...}.");
        }
        refuseUnknown(body, KEYS, "");
        Optional<String> name = optionalText(body, "name");
        name.ifPresent(DeploymentRequest::checkName);
        String model = optionalText(body, "model").orElseThrow(() -> ApiException.invalidField("model",
                "Name the model to deploy: \"model\": \"namespace/name\" (its main branch) or \"namespace/name@revision\"."));
        List<String> adapters = new ArrayList<>();
        JsonNode list = body.get("adapters");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiException.invalidField("adapters", "Give the adapters as a list of \"namespace/name\".");
            }
            if (list.size() > MAX_ADAPTERS) {
                throw ApiException.invalidField("adapters", "A deployment serves at most " + MAX_ADAPTERS + " adapters.");
            }
            for (JsonNode a : list) {
                if (!a.isTextual() || a.asText().isBlank()) {
                    throw ApiException.invalidField("adapters", "Each adapter is a string \"namespace/name\" or"
                            + " \"namespace/name@revision\".");
                }
                adapters.add(a.asText());
            }
        }
        Optional<Integer> scaleToZero = Optional.empty();
        JsonNode minutes = body.get("scaleToZeroTimeout");
        if (minutes != null && !minutes.isNull()) {
            if (!minutes.canConvertToInt() || !minutes.isIntegralNumber() || minutes.asInt() < 0
                    || minutes.asInt() > MAX_SCALE_TO_ZERO) {
                throw ApiException.invalidField("scaleToZeroTimeout", "Give the idle minutes before the deployment"
                        + " scales to zero as a whole number from 0 (never) to " + MAX_SCALE_TO_ZERO + ".");
            }
            scaleToZero = Optional.of(minutes.asInt());
        }
        return new DeploymentRequest(name, optionalText(body, "owner"), model, adapters, optionalText(body, "runner"),
                optionalText(body, "task").orElse("text-generation"), resources(body.get("resources")),
                engineOptions(body.get("engineOptions")), scaleToZero);
    }

    /** The name to use: the one given, or {@link #nameFrom} the model's. */
    String nameOr(String modelName) {
        return name.orElseGet(() -> nameFrom(modelName));
    }

    /** A deployment name made from a model's name: {@code Qwen2.5-0.5B} → {@code qwen2-5-0-5b}. */
    public static String nameFrom(String modelName) {
        String derived = modelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+", "");
        derived = derived.length() > MAX_NAME ? derived.substring(0, MAX_NAME) : derived;
        derived = derived.replaceAll("-+$", "");
        return derived.isEmpty() ? "model" : derived;
    }

    static void checkName(String name) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw ApiException.invalidField("name", "'" + name + "' is not a deployment name: use up to " + MAX_NAME
                    + " lowercase letters, digits and '-', starting with a letter and ending with a letter or digit.");
        }
    }

    private static Resources resources(JsonNode node) {
        if (node == null || node.isNull()) {
            return Resources.defaults();
        }
        if (!node.isObject()) {
            throw ApiException.invalidField("resources", "Give resources as an object: {\"cpu\": \"2\", \"memory\":"
                    + " \"8Gi\", \"gpus\": 1, \"gpuType\": \"nvidia-l4\", \"nodeSelector\": {...}}.");
        }
        refuseUnknown(node, RESOURCE_KEYS, "resources.");
        int gpus = 0;
        JsonNode g = node.get("gpus");
        if (g != null && !g.isNull()) {
            if (!g.isIntegralNumber() || !g.canConvertToInt() || g.asInt() < 0 || g.asInt() > 64) {
                throw ApiException.invalidField("resources.gpus", "Give the number of GPUs as a whole number from 0 to 64.");
            }
            gpus = g.asInt();
        }
        Map<String, String> selector = strings(node.get("nodeSelector"), "resources.nodeSelector");
        return new Resources(cpuMillis(node.get("cpu")), memoryBytes(node.get("memory")), gpus,
                optionalText(node, "gpuType", "resources.gpuType").orElse(""), selector);
    }

    private static long cpuMillis(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        Matcher m = CPU.matcher(node.asText());
        if (!(node.isNumber() || node.isTextual()) || !m.matches()) {
            throw ApiException.invalidField("resources.cpu", "'" + node.asText() + "' is not a CPU amount: write cores"
                    + " (\"2\", \"0.5\") or millicores (\"500m\").");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        return (m.group(2) == null ? amount.movePointRight(3) : amount).longValue();
    }

    private static long memoryBytes(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        Matcher m = MEMORY.matcher(node.asText());
        if (!(node.isNumber() || node.isTextual()) || !m.matches()) {
            throw ApiException.invalidField("resources.memory", "'" + node.asText() + "' is not an amount of memory:"
                    + " write bytes or a quantity such as \"512Mi\" or \"8Gi\".");
        }
        long unit = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(1L << 50)) > 0) {
            throw ApiException.invalidField("resources.memory", "'" + node.asText() + "' is more memory than any node has.");
        }
        return bytes.longValue();
    }

    private static Map<String, String> engineOptions(JsonNode node) {
        return strings(node, "engineOptions");
    }

    private static Map<String, String> strings(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw ApiException.invalidField(field, "Give " + field + " as an object of names and values.");
        }
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw ApiException.invalidField(field + "." + e.getKey(), "Each value of " + field
                        + " is a string, a number or true/false.");
            }
            checkText(field + "." + e.getKey(), e.getKey());
            checkText(field + "." + e.getKey(), v.asText());
            out.put(e.getKey(), v.asText());
        });
        return out;
    }

    private static void refuseUnknown(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw ApiException.invalidField(prefix + key, "'" + prefix + key + "' is not a deployment setting;"
                        + " the settings are " + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        });
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return optionalText(node, field, field);
    }

    private static Optional<String> optionalText(JsonNode node, String key, String field) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalidField(field, "'" + field + "' is a string.");
        }
        checkText(field, value.asText());
        return value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    private static void checkText(String field, String text) {
        if (text.length() > 1000 || text.chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.invalidField(field, "'" + field + "' must be at most 1,000 characters with no control"
                    + " characters.");
        }
    }
}
