package dev.stoa.hub.inference;

import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.inference.ModelFacts;
import java.util.Optional;

/**
 * What a request's {@code model} names, resolved: the model (or adapter) repository at a commit the caller may run,
 * and for an adapter the base model it is served on.
 *
 * @param name    the name the request used, which answers repeat ({@code ns/name} or {@code ns/name@revision})
 * @param repo    the repository
 * @param facts   its facts at the resolved commit
 * @param base    for an adapter, its base model
 */
public record ModelTarget(String name, RepoView repo, ModelFacts facts, Optional<ModelTarget> base) {

    /** Whether the target is a LoRA adapter served on {@link #base()}. */
    public boolean isAdapter() {
        return base.isPresent();
    }

    /** The model whose weights are loaded: the base of an adapter, else this one. */
    public ModelTarget servedBase() {
        return base.orElse(this);
    }
}
