package dev.stoa.hub.repo;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Creating, finding, moving, deleting repositories and changing their settings. Callers check access first. */
@ApplicationScoped
public class RepoService {

    private final AccountService accounts;
    private final GitRepositories git;
    private final Outbox outbox;

    public RepoService(AccountService accounts, GitRepositories git, Outbox outbox) {
        this.accounts = accounts;
        this.git = git;
        this.outbox = outbox;
    }

    public Optional<RepoView> find(RepoId id) {
        return accounts.find(id.namespace())
                .flatMap(owner -> Repo.find(id.type(), owner.id(), id.name()).map(repo -> RepoView.of(repo, owner.name())));
    }

    public Optional<RepoView> findById(long id) {
        return Repo.<Repo>findByIdOptional(id)
                .map(repo -> RepoView.of(repo, accounts.find(repo.ownerId).map(AccountView::name).orElseThrow()));
    }

    /**
     * Creates an empty repository (its git repository has no commit yet) owned by {@code owner}.
     *
     * @throws ApiException 409 {@code RepoExists} when the name is taken in that namespace (whatever its case)
     */
    @Transactional
    public RepoView create(Caller creator, AccountView owner, RepoType type, String name, boolean isPrivate) {
        RepoId.checkName("name", name);
        RepoId id = new RepoId(type, owner.name(), name);
        if (Repo.find(type, owner.id(), name).isPresent()) {
            throw exists(id);
        }
        Repo repo = new Repo();
        repo.type = type;
        repo.ownerId = owner.id();
        repo.name = name;
        repo.isPrivate = isPrivate;
        repo.createdBy = creator.accountId();
        repo.createdAt = Instant.now();
        repo.lastModified = repo.createdAt;
        repo.persistAndFlush();
        git.create(repo.id);
        RepoView created = RepoView.of(repo, owner.name());
        outbox.change("repo.created", repo.id, Change.of("repo", id.toString(), owner.id(), Map.of(), settingsOf(created))
                .by(creator.actor()));
        return created;
    }

    public static ApiException exists(RepoId id) {
        return ApiException.conflict("RepoExists", "You already created this " + id.type() + " repo: " + id + ".");
    }

    @Transactional
    public void delete(RepoView repo) {
        Repo.deleteById(repo.id());
        git.delete(repo.id());
        changed("repo.deleted", repo, settingsOf(repo), Map.of());
    }

    /** Renames a repository and/or gives it to another namespace; its id, history and blobs stay. */
    @Transactional
    public RepoView move(RepoView repo, AccountView newOwner, String newName) {
        RepoId.checkName("toRepo", newName);
        RepoId target = new RepoId(repo.type(), newOwner.name(), newName);
        Optional<Repo> existing = Repo.find(repo.type(), newOwner.id(), newName);
        if (existing.isPresent() && existing.get().id != repo.id()) {
            throw exists(target);
        }
        Repo row = Repo.findById(repo.id());
        row.ownerId = newOwner.id();
        row.name = newName;
        row.lastModified = Instant.now();
        RepoView moved = RepoView.of(row, newOwner.name());
        changed("repo.moved", moved, Map.of("name", repo.repoId().toString()), Map.of("name", moved.repoId().toString()));
        return moved;
    }

    /** Changes visibility and/or gating; an empty value keeps the setting. */
    @Transactional
    public RepoView updateSettings(RepoView repo, Optional<Boolean> isPrivate, Optional<Gating> gated) {
        Repo row = Repo.findById(repo.id());
        isPrivate.ifPresent(value -> row.isPrivate = value);
        gated.ifPresent(value -> row.gated = value);
        RepoView changed = RepoView.of(row, repo.repoId().namespace());
        if (changed.isPrivate() != repo.isPrivate() || changed.gated() != repo.gated()) {
            changed("repo.settings-changed", changed, settingsOf(repo), settingsOf(changed));
        }
        return changed;
    }

    /**
     * Refuses (or allows again) downloads of the whole repository: moderation disables a repository while a
     * quarantine holds all of it. Joins the caller's transaction.
     */
    @Transactional
    public void setDisabled(long repoId, boolean disabled) {
        Repo.update("disabled = ?1 WHERE id = ?2", disabled, repoId);
    }

    /** Hides the repository from listings but for its owners and moderators (or shows it again). */
    @Transactional
    public void setHidden(long repoId, boolean hidden) {
        Repo.getEntityManager().createNativeQuery("UPDATE repository SET hidden = ?1 WHERE id = ?2")
                .setParameter(1, hidden).setParameter(2, repoId).executeUpdate();
    }

    /** Writes a change of {@code repo} by the request's caller ({@code repo.<verb>}) to the event stream. */
    private void changed(String type, RepoView repo, Map<String, Object> before, Map<String, Object> after) {
        outbox.change(type, repo.id(), Change.of("repo", repo.repoId().toString(), repo.ownerId(), before, after));
    }

    private static Map<String, Object> settingsOf(RepoView repo) {
        return Map.of("private", repo.isPrivate(), "gated", repo.gated().name());
    }

    /** Marks the repository changed now (a commit, a new ref). */
    @Transactional
    public void touch(long repoId) {
        Repo.update("lastModified = ?1 where id = ?2", Instant.now(), repoId);
    }
}
