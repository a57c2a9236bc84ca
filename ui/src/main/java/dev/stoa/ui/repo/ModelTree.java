package dev.stoa.ui.repo;

import java.util.List;

/**
 * The model tree around a repository.
 *
 * @param kind    {@code base}, adapter, merge, quantized or finetune
 * @param bases   what it derives from
 * @param derived what derives from it, by relation (relations with none are left out)
 */
public record ModelTree(String kind, List<TreeBase> bases, List<TreeChildren> derived) {

    public boolean isEmpty() {
        return bases.isEmpty() && derived.isEmpty();
    }

    /** How the kind reads in a sentence. */
    public String kindLabel() {
        return switch (kind) {
            case "adapter" -> "Adapter";
            case "merge" -> "Merge";
            case "quantized" -> "Quantized model";
            case "finetune" -> "Fine-tuned model";
            default -> "Base model";
        };
    }
}
