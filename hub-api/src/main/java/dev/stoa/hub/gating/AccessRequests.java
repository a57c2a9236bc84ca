package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.card.FrontMatter;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access requests to gated repositories: users ask with the card's form, repository writers accept, reject,
 * send back to pending or grant directly. Each change is written with its entry in the append-only history in
 * one transaction. Callers check who may act (read for asking, write for deciding) before calling.
 *
 * <p>Rules where the Hub leaves a choice: a rejected request stays rejected when its user asks again (403
 * {@code AccessRequestRejected}) until a writer changes it; a pending request asked again keeps its place and
 * records the latest answers and terms; switching a repository from manual to automatic approval leaves pending
 * requests pending.
 */
@ApplicationScoped
public class AccessRequests {

    static final int MAX_REASON = 200;
    private static final int MAX_CARD_BYTES = 4 * 1024 * 1024;

    private final AccessRequestRows rows;
    private final RepoAccess access;
    private final AccountService accounts;
    private final GitRepositories git;
    private final Outbox outbox;

    AccessRequests(AccessRequestRows rows, RepoAccess access, AccountService accounts, GitRepositories git, Outbox outbox) {
        this.rows = rows;
        this.access = access;
        this.accounts = accounts;
        this.git = git;
        this.outbox = outbox;
    }

    /** Appends to the repository's access history and to the audit trail ({@code access.<action>}). */
    private void append(RepoView repo, AccessEvent event) {
        rows.append(event);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("user", event.userName());
        if (event.status() != null) {
            after.put("status", event.status().name());
        }
        if (event.reason() != null) {
            after.put("reason", event.reason());
        }
        if (event.terms().commit() != null) {
            after.put("termsCommit", event.terms().commit());
        }
        outbox.change("access." + event.action().name(), repo.id(), Change.of("repo", repo.repoId().toString(), repo.ownerId(),
                Map.of(), after).by(Change.Actor.of(Optional.ofNullable(event.actorId()), Optional.ofNullable(event.actorName()))));
    }

    /**
     * The form of the repository's card on its main branch now. Read from the card itself rather than the stored
     * metadata, whose JSON does not keep the order of the fields.
     */
    public GateForm form(RepoView repo) {
        try (Repository repository = git.open(repo.id())) {
            Optional<RevCommit> head = Refs.resolve(repository, Refs.MAIN);
            if (head.isEmpty()) {
                return GateForm.of(null, null);
            }
            return GateForm.of(cardData(repository, head.get()), head.get().name());
        }
    }

    /** The front matter of README.md at {@code commit}; null when there is none or it cannot be read. */
    private static JsonNode cardData(Repository repository, RevCommit commit) {
        try (TreeWalk walk = TreeWalk.forPath(repository, "README.md", commit.getTree())) {
            if (walk == null) {
                return null;
            }
            byte[] card = repository.open(walk.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_CARD_BYTES);
            return FrontMatter.parse(new String(card, StandardCharsets.UTF_8));
        } catch (IOException | LargeObjectException | FrontMatter.InvalidFrontMatter e) {
            // A card too large or unreadable defines no form: asking needs no answers, as on the Hub.
            return null;
        }
    }

    /** The caller's request, when there is one. */
    public Optional<RequestStatus> statusOf(RepoView repo, Caller caller) {
        return rows.statusOf(repo.id(), caller.accountId());
    }

    /**
     * Records the caller's request with its answers: accepted at once under automatic approval, pending under
     * manual approval.
     *
     * @return the request's status afterwards
     */
    @Transactional
    public RequestStatus request(RepoView repo, Caller caller, JsonNode answers) {
        requireGated(repo);
        caller.requireWrite();
        if (access.passesGateByRole(repo, caller.accountId(), caller.platformRole())) {
            throw alreadyHasAccess(repo, caller.name());
        }
        GateForm form = form(repo);
        JsonNode fields = form.validate(answers);
        Terms terms = Terms.of(form);
        AccountView user = accounts.find(caller.accountId()).orElseThrow();
        Instant now = Instant.now();
        boolean automatic = repo.gated() == Gating.auto;
        RequestStatus status = automatic ? RequestStatus.accepted : RequestStatus.pending;
        if (rows.insert(repo.id(), user.id(), status, true, fields, terms, now, automatic ? now : null, null)) {
            append(repo, event(repo, user, true, AccessEvent.Action.requested, RequestStatus.pending, fields, terms, user, null, now));
            if (automatic) {
                append(repo, event(repo, user, true, AccessEvent.Action.accepted, RequestStatus.accepted, null, terms, null, null, now));
            }
            return status;
        }
        AccessRequest existing = rows.findForUpdate(repo.id(), user.id()).orElseThrow(() -> ApiException.conflict(
                "AccessRequestChanged", "Your access request to " + repo.repoId() + " changed while this one was sent; send it again."));
        return switch (existing.status()) {
            case pending -> {
                rows.resubmit(repo.id(), user.id(), fields, terms);
                append(repo, event(repo, user, true, AccessEvent.Action.requested, RequestStatus.pending, fields, terms, user, null, now));
                yield RequestStatus.pending;
            }
            case accepted -> RequestStatus.accepted;
            case rejected -> throw new ApiException(403, "AccessRequestRejected", "Your request to access "
                    + repo.repoId() + " was rejected by the repo's authors" + (existing.rejectionReason() == null ? ""
                    : ": " + existing.rejectionReason()) + ". It stays rejected until they change it; contact them.");
        };
    }

    /** The caller withdraws their pending request; 404 when they have none pending. */
    @Transactional
    public void cancel(RepoView repo, Caller caller) {
        caller.requireWrite();
        AccessRequest request = rows.findForUpdate(repo.id(), caller.accountId())
                .filter(r -> r.status() == RequestStatus.pending)
                .orElseThrow(() -> ApiException.notFound("AccessRequestNotFound", "You have no pending access request to "
                        + repo.repoId() + "; only a pending request can be withdrawn."));
        AccountView user = accounts.find(caller.accountId()).orElseThrow();
        rows.delete(repo.id(), user.id());
        append(repo, event(repo, user, request.requestedByUser(), AccessEvent.Action.cancelled, null, null, request.terms(),
                user, null, Instant.now()));
    }

    /** The requests of a gated repository in one status, oldest first. */
    public List<AccessRequest> list(RepoView repo, RequestStatus status) {
        requireGated(repo);
        return rows.list(repo.id(), status);
    }

    /**
     * A writer moves {@code userName}'s request to {@code status}: accepted, rejected (with an optional reason),
     * or back to pending (the user loses access). 404 when the user or their request does not exist, or the request
     * already has that status.
     */
    @Transactional
    public void handle(RepoView repo, Caller decider, String userName, RequestStatus status, String reason) {
        requireGated(repo);
        if (reason != null && status != RequestStatus.rejected) {
            throw ApiException.invalidField("rejectionReason", "A rejectionReason goes only with status \"rejected\".");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw ApiException.invalidField("rejectionReason", "The rejectionReason may be at most " + MAX_REASON
                    + " characters long; it has " + reason.length() + ".");
        }
        AccountView user = user(userName);
        AccessRequest request = rows.findForUpdate(repo.id(), user.id())
                .orElseThrow(() -> ApiException.notFound("AccessRequestNotFound", "No access request found matching your"
                        + " criteria: " + user.name() + " has not requested access to " + repo.repoId()
                        + ". Grant access directly with POST .../user-access-request/grant."));
        if (request.status() == status) {
            throw ApiException.notFound("AccessRequestNotFound", "No access request found matching your criteria: the request"
                    + " of " + user.name() + " to " + repo.repoId() + " is already " + status + ".");
        }
        Instant now = Instant.now();
        rows.decide(repo.id(), user.id(), status, decider.accountId(), reason, now);
        append(repo, event(repo, user, request.requestedByUser(), AccessEvent.Action.valueOf(status.name()), status, null,
                request.terms(), accounts.find(decider.accountId()).orElseThrow(), reason, now));
    }

    /**
     * A writer gives {@code userName} access without a request (or accepts their pending or rejected one).
     * 400 when the user already has access, by an accepted request or by role.
     */
    @Transactional
    public void grant(RepoView repo, Caller decider, String userName) {
        requireGated(repo);
        AccountView user = user(userName);
        if (access.passesGateByRole(repo, user.id(), user.platformRole())) {
            throw alreadyHasAccess(repo, user.name());
        }
        AccountView by = accounts.find(decider.accountId()).orElseThrow();
        Instant now = Instant.now();
        Optional<AccessRequest> existing = rows.findForUpdate(repo.id(), user.id());
        if (existing.isPresent() && existing.get().status() == RequestStatus.accepted) {
            throw alreadyHasAccess(repo, user.name());
        }
        Terms terms = existing.map(AccessRequest::terms).orElseGet(() -> Terms.of(form(repo)));
        boolean requestedByUser = existing.map(AccessRequest::requestedByUser).orElse(false);
        if (existing.isPresent()) {
            rows.decide(repo.id(), user.id(), RequestStatus.accepted, by.id(), null, now);
        } else if (!rows.insert(repo.id(), user.id(), RequestStatus.accepted, false, null, terms, now, now, by.id())) {
            throw ApiException.conflict("AccessRequestChanged", user.name() + " requested access to " + repo.repoId()
                    + " just now; list the pending requests and accept theirs.");
        }
        append(repo, event(repo, user, requestedByUser, AccessEvent.Action.granted, RequestStatus.accepted, null, terms, by, null, now));
    }

    /** Streams every recorded request, decision and grant of the repository, oldest first. */
    void export(RepoView repo, AccessRequestRows.EventSink sink) throws IOException {
        rows.streamEvents(repo.id(), sink);
    }

    private AccountView user(String name) {
        return accounts.find(name).filter(a -> a.type().equals("user"))
                .orElseThrow(() -> ApiException.notFound("UserNotFound", "There is no user '" + name + "'."));
    }

    private static void requireGated(RepoView repo) {
        if (repo.gated() == Gating.off) {
            throw new ApiException(400, "RepoNotGated", repo.repoId() + " is not gated: anyone who can read it downloads"
                    + " its files. Gate it first with PUT /api/" + repo.type().plural() + "/" + repo.repoId().id()
                    + "/settings {\"gated\": \"manual\"} (or \"auto\").");
        }
    }

    private static ApiException alreadyHasAccess(RepoView repo, String user) {
        return new ApiException(400, "AlreadyHasAccess", user + " already has access to " + repo.repoId()
                + " (an accepted request, or as its owner, a member of its organisation, an administrator or a curator).");
    }

    /** The email is recorded only when the user asked: asking means agreeing to share it with the authors. */
    private static AccessEvent event(RepoView repo, AccountView user, boolean requestedByUser, AccessEvent.Action action,
                                     RequestStatus status, JsonNode fields, Terms terms, AccountView actor, String reason,
                                     Instant at) {
        return new AccessEvent(repo.id(), repo.repoId().toString(), user.id(), user.name(),
                requestedByUser ? user.email() : null, action, status, fields, terms,
                actor == null ? null : actor.id(), actor == null ? null : actor.name(), reason, at);
    }
}
