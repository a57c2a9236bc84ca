package dev.stoa.hub.curation;

import java.time.Instant;
import java.util.Optional;

/**
 * A revision submitted for curation and, once decided, the decision.
 *
 * @param repoId      the repository's database id
 * @param commit      the commit submitted (a revision named at submission is resolved to it then)
 * @param revision    the revision as the owner named it
 * @param wantedTag   the tag name asked for at submission; {@code curated/<n>} when empty
 * @param tag         the protected tag, once approved
 */
public record CurationRequest(long id, long repoId, String commit, String revision, Optional<String> wantedTag, String note,
                              Status status, Optional<String> submittedBy, Instant submittedAt, Optional<String> tag,
                              Optional<String> decidedBy, Optional<Instant> decidedAt, Optional<String> comment) {

    public enum Status { pending, approved, rejected }
}
