package dev.stoa.hub.moderation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.files.FileDownloads;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imposing and lifting quarantines. Each change is written, mirrored into {@code repository.disabled} for a whole
 * repository, and recorded on the audit trail in one transaction. Callers check who may act before calling.
 */
@ApplicationScoped
public class Quarantines {

    static final int MAX_REASON = 2000;

    private final QuarantineRows rows;
    private final FileDownloads files;
    private final Outbox outbox;
    private final RepoService repos;

    Quarantines(QuarantineRows rows, FileDownloads files, Outbox outbox, RepoService repos) {
        this.rows = rows;
        this.repos = repos;
        this.files = files;
        this.outbox = outbox;
    }

    /**
     * Quarantines the whole repository ({@code path} empty) or the file at {@code path}, as found at {@code commit}
     * (its LFS object is refused too). A path already quarantined answers 409.
     *
     * @param by the moderator; empty when Stoa quarantines on a check's finding
     */
    @Transactional
    public Quarantine impose(RepoView repo, Optional<String> path, String commit, String reason, Optional<Caller> by,
                             Optional<Long> checkRunId) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "Give a reason of 1 to " + MAX_REASON
                    + " characters: owners and downloaders read it.");
        }
        Optional<String> file = path.map(p -> p.strip().replaceFirst("^/+", "")).filter(p -> !p.isEmpty());
        Optional<Quarantine> existing = rows.activeExactly(repo.id(), file.orElse(null));
        if (existing.isPresent()) {
            throw ApiException.conflict("AlreadyQuarantined", (file.isPresent() ? "'" + file.get() + "' of " : "")
                    + repo.repoId() + " is already quarantined (quarantine " + existing.get().id() + "); lift it first to change the reason.");
        }
        String oid = file.flatMap(p -> lfsObject(repo, commit, p)).orElse(null);
        long id = rows.insert(repo.id(), file.orElse(null), oid, why, by.isPresent() ? "moderator" : "check",
                checkRunId.orElse(null), by.map(Caller::accountId).orElse(null), by.map(Caller::name).orElse(null));
        syncDisabled(repo);
        Quarantine imposed = rows.find(id).orElseThrow();
        Map<String, Object> after = state(imposed);
        outbox.change("quarantine.imposed", repo.id(), Change.of(file.isPresent() ? "file" : "repo", target(imposed),
                repo.ownerId(), Map.of(), after).by(by.map(Caller::actor).orElse(Change.Actor.STOA)));
        return imposed;
    }

    /** Lifts an active quarantine of {@code repo}; 404 for an unknown id, 409 when it was lifted already. */
    @Transactional
    public Quarantine lift(RepoView repo, long id, Caller moderator, String note) {
        Quarantine quarantine = rows.find(id).filter(q -> q.repoId() == repo.id())
                .orElseThrow(() -> ApiException.notFound("QuarantineNotFound", "There is no quarantine " + id + " in " + repo.repoId() + "."));
        String why = note == null ? "" : note.strip();
        if (why.length() > MAX_REASON) {
            throw ApiException.invalidField("note", "Keep the note under " + MAX_REASON + " characters.");
        }
        if (!rows.lift(id, moderator.accountId(), moderator.name(), why.isEmpty() ? null : why)) {
            throw ApiException.conflict("QuarantineLifted", "Quarantine " + id + " was lifted already.");
        }
        syncDisabled(repo);
        Quarantine lifted = rows.find(id).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>(state(lifted));
        after.put("note", why);
        outbox.change("quarantine.lifted", repo.id(), Change.of(lifted.wholeRepository() ? "repo" : "file", target(lifted),
                repo.ownerId(), state(quarantine), after).by(moderator.actor()));
        return lifted;
    }

    /** Downloads of the whole repository stay refused while a quarantine of all of it remains. */
    private void syncDisabled(RepoView repo) {
        repos.setDisabled(repo.id(), rows.wholeRepositoryQuarantined(repo.id()));
    }

    public Optional<Quarantine> find(long id) {
        return rows.find(id);
    }

    /** The repository's active quarantines, the whole repository's first. */
    public List<Quarantine> activeIn(RepoView repo) {
        return rows.ofRepo(repo.id()).stream().filter(Quarantine::active)
                .sorted(java.util.Comparator.comparing((Quarantine q) -> q.path().isPresent())).toList();
    }

    public List<Quarantine> ofRepo(RepoView repo) {
        return rows.ofRepo(repo.id());
    }

    public Optional<Quarantine> anyActive(RepoView repo) {
        return rows.anyActive(repo.id());
    }

    /** Quarantines across the platform, newest first (for moderators). */
    public List<Quarantine> list(boolean activeOnly, int limit, long before) {
        return rows.list(activeOnly, limit, before);
    }

    private Optional<String> lfsObject(RepoView repo, String commit, String path) {
        try {
            return files.locate(repo, commit, path).lfs().map(pointer -> pointer.sha256());
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static String target(Quarantine q) {
        return q.repoName() + q.path().map(p -> ":" + p).orElse("");
    }

    private static Map<String, Object> state(Quarantine q) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("quarantine", q.id());
        state.put("reason", q.reason());
        state.put("source", q.source());
        state.put("active", q.active());
        q.path().ifPresent(p -> state.put("path", p));
        q.checkRunId().ifPresent(r -> state.put("checkRun", r));
        return state;
    }
}
