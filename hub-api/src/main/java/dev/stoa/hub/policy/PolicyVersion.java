package dev.stoa.hub.policy;

import java.time.Instant;
import java.util.Optional;

/**
 * One saved version of a policy.
 *
 * @param organization the organisation whose override it is; empty for the platform default
 * @param version      1, 2, ... per scope; 0 for the built-in default that was never saved
 * @param author       who saved it; empty for the built-in default
 */
public record PolicyVersion(Optional<String> organization, int version, Policy policy, Optional<String> author,
                            Optional<String> note, Instant createdAt) {

    /** A short name of the version for people: {@code platform v3}, {@code organisation acme v2}, {@code built-in}. */
    public String label() {
        if (version == 0) {
            return "built-in default";
        }
        return organization.map(o -> "organisation " + o).orElse("platform") + " v" + version;
    }
}
