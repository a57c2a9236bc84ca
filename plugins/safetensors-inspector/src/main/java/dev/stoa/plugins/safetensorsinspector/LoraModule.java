package dev.stoa.plugins.safetensorsinspector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One module a LoRA adapter changes, with its {@code lora_A} and {@code lora_B} tensors as found in the
 * adapter's weights (either may be missing).
 *
 * @param module    the module's name as PEFT names it inside the model, e.g. {@code model.layers.0.self_attn.q_proj}
 * @param embedding whether it is an embedding ({@code lora_embedding_A/B}, shapes [r, vocab] and [dim, r])
 * @param a         the down projection, [r, in, ...], or null
 * @param b         the up projection, [out, r, ...], or null
 */
record LoraModule(String module, boolean embedding, TensorEntry a, TensorEntry b) {

    /**
     * PEFT's key forms: {@code base_model.model.<module>.lora_A.weight} (optionally with the adapter's name
     * before {@code .weight}) and {@code base_model.model.<module>.lora_embedding_A}.
     */
    private static final Pattern KEY = Pattern.compile("(?:base_model\\.model\\.)?(.+)\\.lora_(embedding_)?([AB])(?:\\.[^.]+)?(?:\\.weight)?");

    /** The LoRA modules of an adapter's tensors, in the order they first appear; other tensors are ignored. */
    static Map<String, LoraModule> of(Iterable<TensorEntry> tensors) {
        Map<String, LoraModule> modules = new LinkedHashMap<>();
        for (TensorEntry tensor : tensors) {
            Matcher key = KEY.matcher(tensor.name());
            if (!key.matches() || (key.group(2) == null) != tensor.name().endsWith(".weight")) {
                continue;
            }
            String module = key.group(1);
            boolean embedding = key.group(2) != null;
            boolean isA = key.group(3).equals("A");
            modules.merge(module, new LoraModule(module, embedding, isA ? tensor : null, isA ? null : tensor),
                    (old, add) -> new LoraModule(module, old.embedding, old.a != null ? old.a : add.a, old.b != null ? old.b : add.b));
        }
        return modules;
    }
}
