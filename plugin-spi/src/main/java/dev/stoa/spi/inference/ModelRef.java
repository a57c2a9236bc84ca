package dev.stoa.spi.inference;

import dev.stoa.spi.RepoRef;
import java.util.Objects;

/**
 * A model repository pinned to one commit.
 *
 * @param repository the repository
 * @param commit     the commit id: 40 lowercase hex digits
 */
public record ModelRef(RepoRef repository, String commit) {

    public ModelRef {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
    }

    /** {@code namespace/name@commit}. */
    @Override
    public String toString() {
        return repository.id() + "@" + commit;
    }
}
