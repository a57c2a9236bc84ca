package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a PEFT LoRA adapter fits its base model: every {@code lora_A} has its {@code lora_B}; A is
 * [r, in] and B is [out, r] against the base weight's [out, in]; r agrees with {@code adapter_config.json}
 * ({@code r}, {@code rank_pattern}); the config's target modules and patterns name modules that exist. The
 * base model's weights are read from its safetensors headers through {@link Revision#baseModels()}.
 *
 * <p>Stateless: safe to call from several threads at once.
 */
final class AdapterFitEvaluator implements Evaluator {

    static final String NAME = "adapter-fit";
    static final String CONFIG = "adapter_config.json";
    static final String WEIGHTS = "adapter_model.safetensors";

    static final String SHAPE_MISMATCH = "adapter.shape-mismatch";
    static final String RANK_MISMATCH = "adapter.rank-mismatch";
    static final String MISSING_PAIR = "adapter.missing-pair";
    static final String TARGET_MODULE_MISSING = "adapter.target-module-missing";
    static final String BASE_WEIGHT_MISSING = "adapter.base-weight-missing";
    static final String BASE_UNAVAILABLE = "adapter.base-unavailable";
    static final String CONFIG_INVALID = "adapter.config-invalid";
    static final String CONFIG_MISSING = "adapter.config-missing";
    static final String WEIGHTS_MISSING = "adapter.weights-missing";
    static final String WEIGHTS_UNREADABLE = "adapter.weights-unreadable";
    static final String NOT_SAFETENSORS = "adapter.not-safetensors";
    static final String UNSUPPORTED_TYPE = "adapter.unsupported-type";
    static final String PATTERN_UNUSED = "adapter.pattern-unused";
    static final String NO_LORA_WEIGHTS = "adapter.no-lora-weights";

    private final InspectorSettings settings;

    AdapterFitEvaluator(InspectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean appliesTo(Revision revision) {
        return revision.kind() == RepoKind.ADAPTER || revision.files().stream().anyMatch(f -> f.fileName().equals(CONFIG));
    }

    @Override
    public CheckResult evaluate(Revision revision, CheckContext context) throws IOException {
        FindingSink sink = new FindingSink(settings.maxFindingsPerFile());
        CheckResult.Builder result = CheckResult.builder();
        List<RevisionFile> configs = revision.files().stream().filter(f -> f.fileName().equals(CONFIG)).toList();
        if (configs.isEmpty()) {
            sink.add(Severity.INFO, CONFIG_MISSING, null, "No " + CONFIG + ": the adapter is not in PEFT's format, so its fit to the base model was not checked");
        }
        long[] bytesRead = {0};
        BaseLoader base = new BaseLoader(revision, bytesRead);
        StringBuilder summary = new StringBuilder();
        for (RevisionFile configFile : configs) {
            checkAdapter(revision, configFile, base, sink, result, bytesRead, summary);
        }
        sink.findings().forEach(result::finding);
        result.metric(Metric.count("adapter.bytes-read", bytesRead[0]));
        return result.summary(summary.isEmpty() ? "No PEFT LoRA adapter was checked." : summary.toString().strip()).build();
    }

    private void checkAdapter(Revision revision, RevisionFile configFile, BaseLoader base, FindingSink sink,
                              CheckResult.Builder result, long[] bytesRead, StringBuilder summary) throws IOException {
        String configPath = configFile.path();
        String folder = configPath.substring(0, configPath.length() - CONFIG.length());
        Optional<AdapterConfig> parsed = readConfig(revision, configFile, sink);
        bytesRead[0] += Math.min(configFile.size(), settings.maxJsonBytes());
        if (parsed.isEmpty()) {
            return;
        }
        AdapterConfig config = parsed.get();
        config.problems().forEach(p -> sink.add(Severity.HIGH, CONFIG_INVALID, configPath, "adapter_config.json: " + p));
        if (!config.isLora()) {
            sink.add(Severity.INFO, UNSUPPORTED_TYPE, configPath, "The adapter is of type " + config.peftType() + "; only LoRA adapters are checked against their base");
            return;
        }
        Optional<RevisionFile> weightsFile = revision.file(folder + WEIGHTS);
        if (weightsFile.isEmpty()) {
            if (revision.file(folder + "adapter_model.bin").isPresent()) {
                sink.add(Severity.INFO, NOT_SAFETENSORS, folder + "adapter_model.bin", "The adapter's weights are a pickle, not safetensors; their fit was not checked");
            } else {
                sink.add(Severity.HIGH, WEIGHTS_MISSING, configPath, "There is no " + folder + WEIGHTS + " beside the adapter's config");
            }
            return;
        }
        HeaderReader.Outcome outcome = new HeaderReader(settings.maxHeaderBytes()).read(revision, weightsFile.get(), new FindingSink(Integer.MAX_VALUE));
        bytesRead[0] += outcome.bytesRead();
        if (outcome.header().isEmpty()) {
            sink.add(Severity.HIGH, WEIGHTS_UNREADABLE, weightsFile.get().path(), "The adapter's weights have no readable safetensors header (see the format check)");
            return;
        }
        String weightsPath = weightsFile.get().path();
        Map<String, LoraModule> modules = LoraModule.of(outcome.header().get().tensors());
        if (modules.isEmpty()) {
            sink.add(Severity.HIGH, NO_LORA_WEIGHTS, weightsPath, "The adapter's weights hold no lora_A/lora_B tensors");
        }
        Optional<BaseWeights> baseWeights = base.weights(config);
        if (baseWeights.isEmpty()) {
            sink.add(Severity.INFO, BASE_UNAVAILABLE, configPath, "The base model (" + base.describe() + ") is not on this Stoa"
                    + " or has no readable safetensors weights: the adapter was checked against its own config only");
        }
        int checked = 0;
        for (LoraModule module : modules.values()) {
            if (checkModule(module, config, baseWeights, weightsPath, sink)) {
                checked++;
            }
        }
        checkPatterns(config, modules.keySet(), configPath, sink);
        baseWeights.ifPresent(weights -> checkTargets(config, weights, configPath, sink));
        result.metric(Metric.count("adapter.rank", config.rank()));
        result.metric(Metric.number("adapter.alpha", config.alpha(), null));
        result.metric(Metric.count("adapter.modules", modules.size()));
        result.metric(Metric.count("adapter.modules-checked", checked));
        summary.append(String.format(java.util.Locale.ROOT, "LoRA adapter `%s`: %d modules, r=%d, alpha=%s; ",
                weightsPath, modules.size(), config.rank(), trim(config.alpha())));
        summary.append(baseWeights.isPresent()
                ? checked + " checked against the base model `" + base.describe() + "`.\n"
                : "base model not available here (" + base.describe() + "), shapes checked against each other only.\n");
    }

    private Optional<AdapterConfig> readConfig(Revision revision, RevisionFile file, FindingSink sink) throws IOException {
        if (file.size() > settings.maxJsonBytes()) {
            sink.add(Severity.MEDIUM, CONFIG_INVALID, file.path(), "adapter_config.json has " + file.size() + " bytes; at most "
                    + settings.maxJsonBytes() + " are read");
            return Optional.empty();
        }
        try (InputStream in = revision.openRange(file.path(), 0, file.size())) {
            return Optional.of(AdapterConfig.from(StrictJson.read(in)));
        } catch (StrictJson.Invalid e) {
            sink.add(Severity.HIGH, CONFIG_INVALID, file.path(), "adapter_config.json is not valid JSON: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Checks one module's pair against the config and the base weight; returns whether the base weight was compared. */
    private static boolean checkModule(LoraModule module, AdapterConfig config, Optional<BaseWeights> base, String path, FindingSink sink) {
        String name = module.module();
        if (module.a() == null || module.b() == null) {
            sink.add(Severity.HIGH, MISSING_PAIR, path, "Module '" + name + "' has " + (module.a() == null ? "lora_B but no lora_A" : "lora_A but no lora_B"));
            return false;
        }
        TensorEntry a = module.a();
        TensorEntry b = module.b();
        if (a.rank() < 2 || b.rank() < 2) {
            sink.add(Severity.HIGH, SHAPE_MISMATCH, path, "Module '" + name + "': lora_A " + a.shape() + " and lora_B " + b.shape()
                    + " must both have at least two dimensions");
            return false;
        }
        // A is [r, in, ...] and B is [out, r, ...], embeddings included (PEFT stores lora_embedding_B as [dim, r]).
        long rankA = a.dim(0);
        long rankB = b.dim(1);
        if (rankA != rankB) {
            sink.add(Severity.HIGH, SHAPE_MISMATCH, path, "Module '" + name + "': lora_A " + a.shape() + " has rank " + rankA
                    + " but lora_B " + b.shape() + " has rank " + rankB);
        }
        long expected;
        try {
            expected = ModulePatterns.lookup(config.rankPattern(), name).orElse(config.rank());
        } catch (ModulePatterns.Unusable e) {
            expected = config.rank();
        }
        if (rankA != expected) {
            sink.add(Severity.HIGH, RANK_MISMATCH, path, "Module '" + name + "' has rank " + rankA + " but adapter_config.json says "
                    + expected + (config.rankPattern().isEmpty() ? " (r)" : " (r or rank_pattern)"));
        }
        if (base.isEmpty()) {
            return false;
        }
        Optional<TensorEntry> weight = base.get().weightOf(name);
        if (weight.isEmpty()) {
            sink.add(Severity.HIGH, BASE_WEIGHT_MISSING, path, "Module '" + name + "' has no weight in the base model");
            return false;
        }
        TensorEntry w = weight.get();
        if (w.rank() < 2) {
            sink.add(Severity.HIGH, SHAPE_MISMATCH, path, "Module '" + name + "': base weight '" + w.name() + "' " + w.shape()
                    + " is not a matrix, so LoRA cannot adapt it");
            return true;
        }
        // Base weights are [out, in]; GPT-2 style Conv1D (fan_in_fan_out) and embeddings ([vocab, dim]) are [in, out].
        boolean transposed = config.fanInFanOut() || module.embedding();
        long in = transposed ? w.dim(0) : w.dim(1);
        long out = transposed ? w.dim(1) : w.dim(0);
        if (a.dim(1) != in) {
            sink.add(Severity.HIGH, SHAPE_MISMATCH, path, "Module '" + name + "': lora_A " + a.shape() + " takes " + a.dim(1)
                    + " inputs but base weight '" + w.name() + "' " + w.shape() + " takes " + in);
        }
        if (b.dim(0) != out) {
            sink.add(Severity.HIGH, SHAPE_MISMATCH, path, "Module '" + name + "': lora_B " + b.shape() + " gives " + b.dim(0)
                    + " outputs but base weight '" + w.name() + "' " + w.shape() + " gives " + out);
        }
        return true;
    }

    private static void checkPatterns(AdapterConfig config, Set<String> modules, String path, FindingSink sink) {
        checkPatternKeys("rank_pattern", config.rankPattern().keySet(), modules, path, sink);
        checkPatternKeys("alpha_pattern", config.alphaPattern().keySet(), modules, path, sink);
    }

    private static void checkPatternKeys(String field, Set<String> keys, Set<String> modules, String path, FindingSink sink) {
        for (String key : keys) {
            try {
                if (modules.stream().noneMatch(module -> ModulePatterns.keyMatches(key, module))) {
                    sink.add(Severity.LOW, PATTERN_UNUSED, path, field + " '" + key + "' matches none of the adapter's modules");
                }
            } catch (ModulePatterns.Unusable e) {
                sink.add(Severity.MEDIUM, CONFIG_INVALID, path, field + " " + e.getMessage());
            }
        }
    }

    private static void checkTargets(AdapterConfig config, BaseWeights base, String path, FindingSink sink) {
        Set<String> modules = base.modules();
        for (String target : config.targetList()) {
            if (target.equals("all-linear")) {
                continue;
            }
            if (modules.stream().noneMatch(m -> m.equals(target) || m.endsWith("." + target))) {
                sink.add(Severity.HIGH, TARGET_MODULE_MISSING, path, "target_modules names '" + target
                        + "', which no module of the base model matches; PEFT refuses to load such an adapter");
            }
        }
        config.targetRegex().ifPresent(regex -> {
            try {
                if (modules.stream().noneMatch(m -> ModulePatterns.matches(regex, m))) {
                    sink.add(Severity.HIGH, TARGET_MODULE_MISSING, path, "target_modules '" + regex
                            + "' matches no module of the base model; PEFT refuses to load such an adapter");
                }
            } catch (ModulePatterns.Unusable e) {
                sink.add(Severity.MEDIUM, CONFIG_INVALID, path, "target_modules " + e.getMessage());
            }
        });
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Finds and reads the base model once per evaluation, reporting when it is not available here. */
    private final class BaseLoader {
        private final Revision revision;
        private final long[] bytesRead;
        private Optional<BaseWeights> loaded;
        private String description = "";

        BaseLoader(Revision revision, long[] bytesRead) {
            this.revision = revision;
            this.bytesRead = bytesRead;
        }

        Optional<BaseWeights> weights(AdapterConfig config) throws IOException {
            if (loaded != null) {
                return loaded;
            }
            List<Revision> bases = revision.baseModels();
            Optional<Revision> base = bases.stream()
                    .filter(b -> config.baseModel().map(name -> name.equals(b.repository().id())).orElse(false))
                    .findFirst().or(() -> bases.stream().findFirst());
            if (base.isEmpty()) {
                List<String> names = revision.baseModelNames().isEmpty()
                        ? config.baseModel().map(List::of).orElse(List.of()) : revision.baseModelNames();
                description = names.isEmpty() ? "no base model named" : String.join(", ", names);
                loaded = Optional.empty();
                return loaded;
            }
            description = base.get().repository().id();
            BaseWeights weights = BaseWeights.read(base.get(), settings);
            bytesRead[0] += weights.bytesRead();
            loaded = weights.isEmpty() ? Optional.empty() : Optional.of(weights);
            if (weights.isEmpty()) {
                description += " has no readable safetensors weights";
            }
            return loaded;
        }

        String describe() {
            return description;
        }
    }
}
