package dev.stoa.hub.audit;

import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link AuditRecord}s with the organisation filled in: for what the audit feature records itself (downloads of
 * gated files) and for the events of the stream it records ({@link ObservedChanges}). Other features never call it:
 * they write their changes to the event stream.
 */
@ApplicationScoped
public class Audits {

    private final Event<AuditRecord> events;
    private final AccountService accounts;

    Audits(Event<AuditRecord> events, AccountService accounts) {
        this.events = events;
        this.accounts = accounts;
    }

    /** Records a change by {@code actor} (empty: Stoa itself) to something owned by the account {@code ownerId}. */
    public void record(String action, Optional<Caller> actor, String targetType, String target, long ownerId,
                       Map<String, Object> before, Map<String, Object> after) {
        events.fire(new AuditRecord(action, actor.map(Caller::accountId), actor.map(Caller::name), targetType, target,
                orgOf(ownerId), before, after));
    }

    /** {@code ownerId} when it is an organisation (whose admins may then read the record). */
    public Optional<Long> orgOf(long ownerId) {
        return accounts.find(ownerId).filter(owner -> "org".equals(owner.type())).map(owner -> ownerId);
    }
}
