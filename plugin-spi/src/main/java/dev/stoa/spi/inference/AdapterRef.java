package dev.stoa.spi.inference;

import java.util.Objects;

/**
 * A LoRA adapter served on a deployment's base model.
 *
 * @param name  the name requests use for it (the adapter repository's {@code namespace/name})
 * @param model the adapter repository, pinned
 */
public record AdapterRef(String name, ModelRef model) {

    public AdapterRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
    }
}
