package dev.stoa.plugins.cpurunner;

import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.Admission.Reason;
import dev.stoa.spi.inference.Admission.Refusal;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus.State;
import dev.stoa.spi.inference.ModelFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU runner: admits Llama-family models Jlama can run and serves each on a {@link JlamaEngine}; adapters are
 * merged into their own copy of the base weights ({@link LoraMerge}), so each costs the base's memory again.
 */
final class CpuRunner implements InferenceRunner {

    static final String NAME = "cpu";

    private static final Set<String> ARCHITECTURES = Set.of("LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM");
    private static final Set<String> DTYPES = Set.of("F32", "F16", "BF16");
    private static final Set<String> LINEAR_MODULES = Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
            "up_proj", "down_proj");
    /** Jlama's vector kernels read whole 512-bit vectors: rows shorter than 16 floats, or not a multiple, overrun. */
    private static final int VECTOR_FLOATS = 16;

    private final long maxParameters;
    private final int maxAdapterRank;

    CpuRunner(long maxParameters, int maxAdapterRank) {
        this.maxParameters = maxParameters;
        this.maxAdapterRank = maxAdapterRank;
    }

    @Override
    public Admission admit(DeploymentSpec spec, ModelFacts base, List<ModelFacts> adapters) {
        List<Refusal> refusals = new ArrayList<>();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            refusals.add(new Refusal(Reason.OTHER, "Stoa was started without the Vector API the CPU engine needs;"
                    + " start it with --add-modules jdk.incubator.vector"));
        }
        if (!ARCHITECTURES.contains(base.architecture())) {
            refusals.add(new Refusal(Reason.ARCHITECTURE, "the CPU runner serves " + String.join(", ", ARCHITECTURES.stream().sorted().toList())
                    + (base.architecture().isEmpty() ? "; this model's config.json names no architecture"
                            : ", not " + base.architecture())));
        }
        List<String> unsupported = base.dtypes().stream().filter(d -> !DTYPES.contains(d)).sorted().toList();
        if (base.dtypes().isEmpty()) {
            refusals.add(new Refusal(Reason.DTYPE, "the model has no safetensors weights"));
        } else if (!unsupported.isEmpty()) {
            refusals.add(new Refusal(Reason.DTYPE, "the CPU runner reads F32, F16 and BF16 weights, not "
                    + String.join(", ", unsupported)));
        }
        if (base.parameters() > maxParameters) {
            refusals.add(new Refusal(Reason.SIZE, "the model has " + base.parameters()
                    + " parameters; this CPU runner takes at most " + maxParameters));
        }
        long hidden = base.configInt("hidden_size", 0);
        long heads = base.configInt("num_attention_heads", 1);
        long headDim = base.configInt("head_dim", heads > 0 ? hidden / heads : 0);
        if (hidden % VECTOR_FLOATS != 0 || headDim % VECTOR_FLOATS != 0 || headDim == 0) {
            refusals.add(new Refusal(Reason.ARCHITECTURE, "the CPU engine needs a hidden size and head size that are"
                    + " multiples of " + VECTOR_FLOATS + "; this model has " + hidden + " and " + headDim));
        }
        if (spec.resources().gpuCount() > 0) {
            refusals.add(new Refusal(Reason.RESOURCES, "the CPU runner has no GPUs; ask for 0 or choose a GPU runner"));
        }
        for (int i = 0; i < adapters.size(); i++) {
            admitAdapter(spec.adapters().get(i), adapters.get(i), spec, refusals);
        }
        return refusals.isEmpty() ? Admission.accept() : Admission.refuse(refusals);
    }

    private void admitAdapter(AdapterRef ref, ModelFacts facts, DeploymentSpec spec, List<Refusal> refusals) {
        String name = ref.name();
        if (facts.adapter().isEmpty()) {
            refusals.add(new Refusal(Reason.OTHER, name + " is not a LoRA adapter (no adapter_config.json)"));
            return;
        }
        ModelFacts.AdapterFacts adapter = facts.adapter().get();
        if (adapter.rank() > maxAdapterRank) {
            refusals.add(new Refusal(Reason.ADAPTER_RANK, name + " has rank " + adapter.rank()
                    + ", above this runner's maximum of " + maxAdapterRank));
        }
        List<String> targets = adapter.targetModules().stream().filter(t -> !LINEAR_MODULES.contains(t)).toList();
        if (!targets.isEmpty()) {
            refusals.add(new Refusal(Reason.TARGET_MODULES, name + " adapts " + String.join(", ", targets)
                    + "; the CPU runner applies adapters to the attention and MLP projections only"));
        }
        if (!adapter.modulesToSave().isEmpty() || !adapter.fullWeights().isEmpty()) {
            List<String> whole = new ArrayList<>(adapter.modulesToSave());
            whole.addAll(adapter.fullWeights());
            refusals.add(new Refusal(Reason.ADAPTER_WEIGHTS, name + " replaces whole weights (" + String.join(", ", whole)
                    + "), which the CPU runner cannot apply"));
        }
        String base = spec.base().repository().id();
        if (!adapter.baseModel().isEmpty() && !adapter.baseModel().equals(base)) {
            refusals.add(new Refusal(Reason.ADAPTER_BASE, name + " was trained on " + adapter.baseModel()
                    + ", not on " + base));
        }
    }

    @Override
    public Deployment deploy(DeploymentSpec spec, DeploymentContext context) throws IOException {
        context.report(State.LOADING, "fetching " + spec.base());
        Path base = ModelFolder.copy(context.files(spec.base()), context.workDirectory().resolve("base"));
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("", base);
        for (AdapterRef adapter : spec.adapters()) {
            context.report(State.LOADING, "merging adapter " + adapter.name());
            Path adapterFolder = ModelFolder.copy(context.files(adapter.model()),
                    context.workDirectory().resolve("adapter-" + folders.size()));
            folders.put(adapter.name(), LoraMerge.merge(base, adapterFolder,
                    context.workDirectory().resolve("merged-" + folders.size())));
        }
        context.report(State.LOADING, "loading the weights");
        JlamaEngine engine = JlamaEngine.load(folders);
        context.report(State.READY, "");
        return Deployment.ready(engine, engine::close);
    }
}
