package dev.stoa.spi.inference;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the host knows about one model revision from its configs and safetensors headers, read before any weight
 * is loaded: what {@link dev.stoa.spi.InferenceRunner#admit} decides from.
 *
 * @param model        the revision
 * @param architecture the first of {@code config.json}'s {@code architectures} ({@code LlamaForCausalLM}); empty
 *                     for an adapter or when not stated
 * @param modelType    {@code config.json}'s {@code model_type} ({@code llama}, {@code qwen2}); empty when not stated
 * @param dtypes       the safetensors dtypes of the weights ({@code F32}, {@code F16}, {@code BF16}, ...)
 * @param parameters   the number of parameters over all safetensors files
 * @param weightBytes  the bytes of the safetensors files
 * @param config       {@code config.json} as plain Java values (maps, lists, strings, numbers, booleans); empty for
 *                     an adapter
 * @param files        every file path of the revision
 * @param adapter      for a LoRA adapter, what its {@code adapter_config.json} and weights say
 */
public record ModelFacts(ModelRef model, String architecture, String modelType, Set<String> dtypes, long parameters,
        long weightBytes, Map<String, Object> config, List<String> files, Optional<AdapterFacts> adapter) {

    public ModelFacts {
        Objects.requireNonNull(model, "model");
        architecture = architecture == null ? "" : architecture;
        modelType = modelType == null ? "" : modelType;
        dtypes = dtypes == null ? Set.of() : Set.copyOf(dtypes);
        config = config == null ? Map.of() : Map.copyOf(config);
        files = files == null ? List.of() : List.copyOf(files);
        adapter = adapter == null ? Optional.empty() : adapter;
    }

    /** {@code config.json}'s integer {@code key}, or {@code fallback} when absent or not a number. */
    public long configInt(String key, long fallback) {
        return config.get(key) instanceof Number n ? n.longValue() : fallback;
    }

    /**
     * What a LoRA adapter is, from {@code adapter_config.json} and the names of its tensors.
     *
     * @param baseModel      {@code base_model_name_or_path}
     * @param rank           {@code r}
     * @param alpha          {@code lora_alpha}
     * @param targetModules  {@code target_modules}: the module names the adapter changes ({@code q_proj})
     * @param modulesToSave  {@code modules_to_save}: modules the adapter replaces whole
     * @param fullWeights    tensors that are not LoRA factors ({@code lm_head}, {@code embed_tokens} replacements)
     */
    public record AdapterFacts(String baseModel, int rank, double alpha, List<String> targetModules,
            List<String> modulesToSave, List<String> fullWeights) {

        public AdapterFacts {
            baseModel = baseModel == null ? "" : baseModel;
            targetModules = targetModules == null ? List.of() : List.copyOf(targetModules);
            modulesToSave = modulesToSave == null ? List.of() : List.copyOf(modulesToSave);
            fullWeights = fullWeights == null ? List.of() : List.copyOf(fullWeights);
        }
    }
}
