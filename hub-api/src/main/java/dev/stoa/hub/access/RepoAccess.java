package dev.stoa.hub.access;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrgRole;
import dev.stoa.hub.identity.PlatformRole;
import dev.stoa.hub.identity.TokenRestriction;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read and write a repository. Every route family (HF API, resolve, LFS, git, portal) asks here, so
 * the rules hold the same everywhere: public repositories are readable by anyone; private ones by their
 * owner, the owning organisation's members, platform curators and administrators, and to everyone else they
 * answer exactly like a missing repository. Writing needs the owner, an organisation role of write or admin,
 * or a platform administrator, and a token with the write scope. A token limited to repositories or to an
 * organisation ({@link TokenLimits}) reaches nothing private outside its limit and writes nothing outside it.
 * Downloading the files of a gated repository needs more than reading it: see {@link #requireDownloadable}.
 * Nobody downloads what a moderator or a check quarantined ({@link DownloadBlocks}): 403 {@code DisabledRepo}.
 * Gating and moderation contribute their rules through {@link DownloadGate} and {@link DownloadBlocks}.
 */
@ApplicationScoped
public class RepoAccess {

    /** Files of a gated repository anyone who can read it may download: the card and the licence. */
    private static final Set<String> TERMS_FILES = Set.of("README.md", "LICENSE", "LICENSE.md", "LICENSE.txt");

    private final RepoService repos;
    private final AccountService accounts;
    private final TokenLimits limits;
    private final DownloadGate grants;
    private final DownloadBlocks quarantines;

    public RepoAccess(RepoService repos, AccountService accounts, TokenLimits limits, DownloadGate grants,
                      DownloadBlocks quarantines) {
        this.repos = repos;
        this.accounts = accounts;
        this.limits = limits;
        this.grants = grants;
        this.quarantines = quarantines;
    }

    /** The repository, when the caller may read it; otherwise {@code RepoNotFound} (401 for anonymous callers). */
    public RepoView requireReadable(RepoId id, Optional<Caller> caller) {
        return repos.find(id)
                .filter(repo -> canRead(repo, caller))
                .orElseThrow(() -> RepoErrors.repoNotFound(id, caller.isEmpty()));
    }

    /** The repository, when the caller may write it; 401, 404 (cannot see it) or 403 (can only read it). */
    public RepoView requireWritable(RepoId id, Optional<Caller> caller) {
        if (caller.isEmpty()) {
            throw RepoErrors.repoNotFound(id, true);
        }
        RepoView repo = requireReadable(id, caller);
        if (!hasWriteRole(caller.get(), repo.ownerId())) {
            throw ApiException.forbidden("You can read " + id + " but not write to it: ask its owner for write access.");
        }
        caller.get().requireWrite();
        limits.requireCovers(caller.get(), repo);
        return repo;
    }

    /**
     * The repository, when the caller may delete or move it: as for {@link #requireWritable}, and a repository of
     * an organisation needs the caller's admin role there (write members publish, admins dispose), as on the Hub.
     */
    public RepoView requireAdministrable(RepoId id, Optional<Caller> caller) {
        RepoView repo = requireWritable(id, caller);
        if (!hasAdminRole(caller.orElseThrow(), repo.ownerId())) {
            throw ApiException.forbidden("Deleting or moving " + id + " needs the admin role in '" + id.namespace()
                    + "': ask one of its admins to do it or to make you one.");
        }
        return repo;
    }

    /** Whether the caller may change the repository's settings, move or delete it (see {@link #requireAdministrable}). */
    public boolean canAdminister(RepoView repo, Optional<Caller> caller) {
        return canWrite(repo, caller) && hasAdminRole(caller.orElseThrow(), repo.ownerId());
    }

    private boolean hasAdminRole(Caller caller, long ownerId) {
        return caller.isAdmin() || caller.accountId() == ownerId
                || accounts.roleIn(ownerId, caller.accountId()).filter(role -> role == OrgRole.admin).isPresent();
    }

    /**
     * The repository, when the caller may download its files (resolve, LFS downloads, git fetch): private rules
     * first ({@link #requireReadable}), then, for a gated repository, 401/403 {@code GatedRepo} unless
     * {@link #canDownload}; then 403 {@code DisabledRepo} while the whole repository is quarantined.
     */
    public RepoView requireDownloadable(RepoId id, Optional<Caller> caller) {
        RepoView repo = requireReadable(id, caller);
        if (!canRead(repo, caller) || !passesGate(repo, caller)) {
            throw grants.refusal(repo, caller);
        }
        refuseIfDisabled(repo);
        return repo;
    }

    /**
     * The repository, when the caller may fetch it with git: as {@link #requireDownloadable(RepoId, Optional)},
     * and 403 {@code DisabledRepo} while any of its files is quarantined, since a fetch sends every file.
     */
    public RepoView requireFetchable(RepoId id, Optional<Caller> caller) {
        RepoView repo = requireDownloadable(id, caller);
        quarantines.anyIn(repo).ifPresent(q -> {
            throw q.refusal();
        });
        return repo;
    }

    /** The active quarantine that refuses downloading the LFS object {@code oid} from {@code repo}, if any. */
    public Optional<? extends DownloadBlock> quarantineOfObject(RepoView repo, String oid) {
        return quarantines.ofObject(repo, oid);
    }

    private void refuseIfDisabled(RepoView repo) {
        if (repo.disabled()) {
            throw quarantines.ofRepository(repo).map(DownloadBlock::refusal)
                    .orElseGet(() -> new ApiException(403, ErrorRenderer.DISABLED_CODE, ErrorRenderer.DISABLED_MESSAGE));
        }
    }

    /**
     * The repository, when the caller may download the file at {@code path}: like {@link #requireDownloadable(RepoId,
     * Optional)}, except that the card and licence files at the root stay readable in a gated repository, so that
     * people can read the terms before they ask for access (the Hub's rule).
     */
    public RepoView requireDownloadable(RepoId id, Optional<Caller> caller, String path) {
        RepoView repo = TERMS_FILES.contains(path) ? requireReadable(id, caller) : requireDownloadable(id, caller);
        refuseIfDisabled(repo);
        quarantines.ofFile(repo, path).ifPresent(q -> {
            throw q.refusal();
        });
        return repo;
    }

    /**
     * Whether the caller may download the repository's files: it can read it and, when it is gated, the caller
     * passes the gate by role ({@link #passesGateByRole}) or their access request was accepted or granted.
     */
    public boolean canDownload(RepoView repo, Optional<Caller> caller) {
        return canRead(repo, caller) && !repo.disabled() && passesGate(repo, caller);
    }

    /** The active quarantine of the file at {@code path} or of the whole repository: nobody downloads it, moderators included. */
    public Optional<? extends DownloadBlock> quarantineOf(RepoView repo, String path) {
        return quarantines.ofFile(repo, path);
    }

    /**
     * The active quarantine of any of {@code paths} (or of the whole repository), as when a runner reads a model's
     * weights and configs: one question when the repository has no quarantine at all, the common case.
     */
    public Optional<? extends DownloadBlock> quarantineOfAny(RepoView repo, java.util.Collection<String> paths) {
        if (quarantines.anyIn(repo).isEmpty()) {
            return Optional.empty();
        }
        for (String path : paths) {
            Optional<? extends DownloadBlock> block = quarantines.ofFile(repo, path);
            if (block.isPresent()) {
                return block;
            }
        }
        return Optional.empty();
    }

    private boolean passesGate(RepoView repo, Optional<Caller> caller) {
        return (repo.gated() == Gating.off || caller
                .map(c -> passesGateByRole(repo, c.accountId(), c.platformRole()) || grants.isAccepted(repo.id(), c.accountId()))
                .orElse(false));
    }

    /**
     * Whether an account downloads from a gated repository without an access request: the owner, members of the
     * owning organisation (any role), platform administrators and curators.
     */
    public boolean passesGateByRole(RepoView repo, long accountId, PlatformRole role) {
        return role == PlatformRole.admin || role == PlatformRole.curator || accountId == repo.ownerId()
                || accounts.roleIn(repo.ownerId(), accountId).isPresent();
    }

    /** Whether {@code path} is a card or licence file that stays readable in a gated repository (see above). */
    public static boolean isTermsFile(String path) {
        return TERMS_FILES.contains(path);
    }

    public boolean canRead(RepoView repo, Optional<Caller> caller) {
        return !repo.isPrivate() || caller.filter(c -> limits.covers(c, repo))
                .map(c -> c.isCurator() || c.accountId() == repo.ownerId() || accounts.roleIn(repo.ownerId(), c.accountId()).isPresent())
                .orElse(false);
    }

    public boolean canWrite(RepoView repo, Optional<Caller> caller) {
        return caller.filter(Caller::canWrite).filter(c -> limits.covers(c, repo))
                .map(c -> hasWriteRole(c, repo.ownerId())).orElse(false);
    }

    /** The namespace a caller creates a repository in: its own, or an organisation it may write to. */
    public AccountView requireWritableNamespace(Caller caller, String namespace) {
        AccountView owner = accounts.find(namespace)
                .orElseThrow(() -> ApiException.notFound("NamespaceNotFound", "There is no user or organisation '" + namespace + "'."));
        if (!hasWriteRole(caller, owner.id())) {
            throw ApiException.forbidden("You cannot create repositories in '" + owner.name()
                    + "': you need the write or admin role in that organisation.");
        }
        caller.requireWrite();
        limits.requireCoversNamespace(caller, owner);
        return owner;
    }

    /**
     * The SQL condition (on {@code repository r}) that keeps the repositories {@code caller} may read, by the
     * rules of {@link #canRead}, for listings that filter in the database, leaving out hidden repositories but for
     * their owners and moderators; appends its parameters to {@code args}.
     */
    public String readableCondition(Optional<Caller> caller, List<Object> args) {
        if (caller.isEmpty()) {
            return "NOT r.private AND NOT r.hidden";
        }
        Caller c = caller.get();
        String coverage = switch (c.restriction().orElse(null)) {
            case TokenRestriction.Repositories limited -> {
                args.addAll(limited.repositoryIds());
                yield limited.repositoryIds().isEmpty() ? "FALSE"
                        : "r.id IN (" + String.join(", ", Collections.nCopies(limited.repositoryIds().size(), "?")) + ")";
            }
            case TokenRestriction.Organization org -> {
                args.add(org.organizationId());
                yield "r.owner_id = ?";
            }
            case null -> "TRUE";
        };
        if (c.isCurator()) {
            return "(NOT r.private OR " + coverage + ")" + (c.isModerator() ? "" : hiddenCondition(c, args));
        }
        args.add(c.accountId());
        args.add(c.accountId());
        return "(NOT r.private OR (" + coverage + " AND (r.owner_id = ? OR EXISTS (SELECT 1 FROM org_member m"
                + " WHERE m.org_id = r.owner_id AND m.user_id = ?))))" + (c.isModerator() ? "" : hiddenCondition(c, args));
    }

    /** Repositories a moderator hid stay listed for their owners (and the owning organisation's members) only. */
    private static String hiddenCondition(Caller c, List<Object> args) {
        args.add(c.accountId());
        args.add(c.accountId());
        return " AND (NOT r.hidden OR r.owner_id = ? OR EXISTS (SELECT 1 FROM org_member m"
                + " WHERE m.org_id = r.owner_id AND m.user_id = ?))";
    }

    /** The owner, a write or admin member of the owning organisation, or a platform administrator. */
    private boolean hasWriteRole(Caller caller, long ownerId) {
        return caller.isAdmin() || caller.accountId() == ownerId
                || accounts.roleIn(ownerId, caller.accountId()).map(role -> role != OrgRole.read).orElse(false);
    }
}
