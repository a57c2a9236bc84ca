package dev.stoa.hub.audit;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.Map;
import java.util.Optional;

/**
 * A convenience for features that fire {@link AuditRecord}s: builds the record with the actor and the
 * organisation filled in. Call it inside the change's transaction.
 */
@ApplicationScoped
public class Audits {

    private final Event<AuditRecord> events;
    private final RequestOrigin origin;
    private final AccountService accounts;

    Audits(Event<AuditRecord> events, RequestOrigin origin, AccountService accounts) {
        this.events = events;
        this.origin = origin;
        this.accounts = accounts;
    }

    /** Records a change by {@code actor} (empty: Stoa itself) to something owned by the account {@code ownerId}. */
    public void record(String action, Optional<Caller> actor, String targetType, String target, long ownerId,
                       Map<String, Object> before, Map<String, Object> after) {
        events.fire(new AuditRecord(action, actor.map(Caller::accountId), actor.map(Caller::name), targetType, target,
                orgOf(ownerId), before, after));
    }

    /** Records a change by the account {@code actorId} named {@code actorName} (empty: Stoa itself). */
    public void record(String action, Optional<Long> actorId, Optional<String> actorName, String targetType, String target,
                       long ownerId, Map<String, Object> before, Map<String, Object> after) {
        events.fire(new AuditRecord(action, actorId, actorName, targetType, target, orgOf(ownerId), before, after));
    }

    /** Records a change to a repository by the caller of the current request. */
    public void repo(String action, RepoView repo, Map<String, Object> before, Map<String, Object> after) {
        record(action, origin.caller(), "repo", repo.repoId().toString(), repo.ownerId(), before, after);
    }

    /** The caller of the current request, when there is one. */
    public Optional<Caller> currentCaller() {
        return origin.caller();
    }

    /** {@code ownerId} when it is an organisation (whose admins may then read the record). */
    public Optional<Long> orgOf(long ownerId) {
        return accounts.find(ownerId).filter(owner -> "org".equals(owner.type())).map(owner -> ownerId);
    }
}
