package dev.stoa.hub.moderation;

import dev.stoa.hub.access.DownloadBlock;
import dev.stoa.hub.error.ApiException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A quarantine of a whole repository ({@code path} empty) or of one file: while active, every download route refuses
 * it with the Hugging Face {@code DisabledRepo} error and the reason. Lifting keeps it, with who lifted it and why.
 *
 * @param repoType    {@code model} or {@code dataset}
 * @param source      {@code moderator} or {@code check} (imposed by Stoa on a check's CRITICAL finding)
 * @param imposedBy   the moderator's name; empty when Stoa imposed it
 * @param lfsOid      the file's LFS object when it was quarantined, refused by LFS downloads of the repository
 */
public record Quarantine(long id, long repoId, String repoName, String repoType, Optional<String> path, Optional<String> lfsOid,
                         String reason, String source, Optional<Long> checkRunId, Optional<String> imposedBy,
                         Instant imposedAt, Optional<Instant> liftedAt, Optional<String> liftedBy,
                         Optional<String> liftNote) implements DownloadBlock {

    /** The first words of the Hub's error for a disabled repository; huggingface_hub raises DisabledRepoError. */
    public static final String DISABLED = dev.stoa.hub.error.ErrorRenderer.DISABLED_MESSAGE;

    public boolean active() {
        return liftedAt.isEmpty();
    }

    public boolean wholeRepository() {
        return path.isEmpty();
    }

    /** The 403 {@code DisabledRepo} refusal every download route answers while this quarantine is active. */
    @Override
    public ApiException refusal() {
        return new ApiException(403, dev.stoa.hub.error.ErrorRenderer.DISABLED_CODE, DISABLED + " " + (wholeRepository() ? "The repository " + repoName
                : "The file '" + path.get() + "' of " + repoName) + " is quarantined: " + reason);
    }

    /** The API's view of it. */
    public Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("repo", repoName);
        body.put("repoType", repoType);
        body.put("path", path.orElse(null));
        body.put("scope", wholeRepository() ? "repository" : "file");
        body.put("reason", reason);
        body.put("source", source);
        body.put("checkRunId", checkRunId.orElse(null));
        body.put("imposedBy", imposedBy.orElse(null));
        body.put("imposedAt", imposedAt.toString());
        body.put("active", active());
        body.put("liftedAt", liftedAt.map(Instant::toString).orElse(null));
        body.put("liftedBy", liftedBy.orElse(null));
        body.put("liftNote", liftNote.orElse(null));
        return body;
    }
}
