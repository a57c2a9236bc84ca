package dev.stoa.spi;

/**
 * What a model repository is in the model tree, as Stoa derives it from the card's {@code base_model_relation},
 * an {@code adapter_config.json}, or the files (see Stoa's README, "model tree").
 */
public enum RepoKind {
    /** A model with no base model. */
    BASE_MODEL,
    /** A fine-tune of one base model. */
    FINETUNE,
    /** An adapter (e.g. LoRA) that needs its base model's weights. */
    ADAPTER,
    /** A merge of several base models. */
    MERGE,
    /** A quantization of a base model. */
    QUANTIZED,
    /** A dataset repository. */
    DATASET
}
