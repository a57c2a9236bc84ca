package dev.stoa.hub.moderation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A community report on a repository or one of its files, and what a moderator did about it.
 *
 * @param status  {@code open}, then {@code dismissed}, {@code quarantined}, {@code hidden} or {@code contacted}
 * @param outcome the moderator's message about the decision, shown to the reporter
 */
public record Report(long id, long repoId, String repoName, String repoType, Optional<String> path, String reporter,
                     String reason, String details, String status, Optional<String> outcome,
                     Optional<String> decidedBy, Optional<Instant> decidedAt, Instant createdAt) {

    /** The reasons a report can give. */
    public enum Reason { malware, illegal, copyright, harassment, spam, privacy, other }

    /** The API's view; {@code forModerator} adds who reported it. */
    public Map<String, Object> json(boolean forModerator) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("repo", repoName);
        body.put("repoType", repoType);
        body.put("path", path.orElse(null));
        if (forModerator) {
            body.put("reporter", reporter);
        }
        body.put("reason", reason);
        body.put("details", details);
        body.put("status", status);
        body.put("outcome", outcome.orElse(null));
        body.put("decidedBy", forModerator ? decidedBy.orElse(null) : null);
        body.put("decidedAt", decidedAt.map(Instant::toString).orElse(null));
        body.put("createdAt", createdAt.toString());
        return body;
    }
}
