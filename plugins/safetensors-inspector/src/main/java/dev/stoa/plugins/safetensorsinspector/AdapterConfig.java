package dev.stoa.plugins.safetensorsinspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a PEFT {@code adapter_config.json} that say what shapes the LoRA weights must have. Missing
 * values take PEFT's defaults ({@code r} 8, {@code lora_alpha} 8).
 *
 * @param peftType      {@code peft_type}, e.g. {@code LORA}; empty when not stated
 * @param rank          {@code r}
 * @param alpha         {@code lora_alpha}
 * @param rankPattern   {@code rank_pattern}: module name patterns to their rank
 * @param alphaPattern  {@code alpha_pattern}: module name patterns to their alpha
 * @param targetList    {@code target_modules} when it is a list of module names (suffixes)
 * @param targetRegex   {@code target_modules} when it is one regular expression
 * @param fanInFanOut   {@code fan_in_fan_out}: base weights stored as [in, out] (GPT-2's Conv1D)
 * @param baseModel     {@code base_model_name_or_path}, if stated
 * @param problems      what is malformed in the file, for people
 */
record AdapterConfig(String peftType, long rank, double alpha, Map<String, Long> rankPattern,
                     Map<String, Double> alphaPattern, List<String> targetList, Optional<String> targetRegex,
                     boolean fanInFanOut, Optional<String> baseModel, List<String> problems) {

    static final long DEFAULT_RANK = 8;
    static final double DEFAULT_ALPHA = 8;

    static AdapterConfig from(Object json) {
        List<String> problems = new ArrayList<>();
        if (!(json instanceof Map<?, ?> map)) {
            problems.add("the file is not a JSON object");
            return new AdapterConfig("", DEFAULT_RANK, DEFAULT_ALPHA, Map.of(), Map.of(), List.of(), Optional.empty(),
                    false, Optional.empty(), problems);
        }
        String peftType = map.get("peft_type") instanceof String type ? type : "";
        long rank = DEFAULT_RANK;
        if (map.containsKey("r")) {
            if (map.get("r") instanceof Long r && r > 0) {
                rank = r;
            } else {
                problems.add("r is " + map.get("r") + ", not a positive integer");
            }
        }
        double alpha = DEFAULT_ALPHA;
        if (map.containsKey("lora_alpha")) {
            if (map.get("lora_alpha") instanceof Number a && a.doubleValue() > 0) {
                alpha = a.doubleValue();
            } else {
                problems.add("lora_alpha is " + map.get("lora_alpha") + ", not a positive number");
            }
        }
        Map<String, Long> rankPattern = new LinkedHashMap<>();
        if (map.get("rank_pattern") instanceof Map<?, ?> patterns) {
            patterns.forEach((key, value) -> {
                if (value instanceof Long r && r > 0) {
                    rankPattern.put((String) key, r);
                } else {
                    problems.add("rank_pattern '" + key + "' is " + value + ", not a positive integer");
                }
            });
        }
        Map<String, Double> alphaPattern = new LinkedHashMap<>();
        if (map.get("alpha_pattern") instanceof Map<?, ?> patterns) {
            patterns.forEach((key, value) -> {
                if (value instanceof Number a && a.doubleValue() > 0) {
                    alphaPattern.put((String) key, a.doubleValue());
                } else {
                    problems.add("alpha_pattern '" + key + "' is " + value + ", not a positive number");
                }
            });
        }
        List<String> targetList = new ArrayList<>();
        Optional<String> targetRegex = Optional.empty();
        Object targets = map.get("target_modules");
        if (targets instanceof String regex) {
            targetRegex = Optional.of(regex);
        } else if (targets instanceof List<?> list) {
            for (Object target : list) {
                if (target instanceof String name) {
                    targetList.add(name);
                } else {
                    problems.add("target_modules holds " + target + ", not a module name");
                }
            }
        }
        boolean fanInFanOut = Boolean.TRUE.equals(map.get("fan_in_fan_out"));
        Optional<String> baseModel = map.get("base_model_name_or_path") instanceof String base && !base.isBlank()
                ? Optional.of(base) : Optional.empty();
        return new AdapterConfig(peftType, rank, alpha, rankPattern, alphaPattern, targetList, targetRegex,
                fanInFanOut, baseModel, problems);
    }

    /** Whether the adapter is a LoRA adapter (or does not say, as early PEFT versions did not). */
    boolean isLora() {
        return peftType.isEmpty() || peftType.equalsIgnoreCase("LORA");
    }
}
