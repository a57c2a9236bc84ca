package dev.stoa.spi;

import java.util.Objects;

/**
 * Which repository a revision belongs to.
 *
 * @param type      {@code model} or {@code dataset}
 * @param namespace the owning user or organisation
 * @param name      the repository's name
 */
public record RepoRef(String type, String namespace, String name) {

    public RepoRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code namespace/name}, as the Hugging Face clients name a repository. */
    public String id() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return ("model".equals(type) ? "" : type + "s/") + id();
    }
}
