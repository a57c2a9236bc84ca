package dev.stoa.hub.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A state change worth keeping on the audit trail, fired as a CDI event by the feature that made it (synchronously,
 * inside the change's transaction where it has one, so the change and its record stand or fall together). The audit
 * trail observes these; no feature writes audit rows itself.
 *
 * @param action     what happened, {@code <area>.<verb>}: {@code repo.created}, {@code token.revoked},
 *                   {@code policy.changed}, {@code quarantine.imposed}, ...
 * @param actorId    the account that did it, empty when Stoa itself did (a plugin verdict, a policy)
 * @param actorName  that account's name at the time
 * @param targetType what it happened to: {@code repo}, {@code file}, {@code token}, {@code org}, {@code policy}, ...
 * @param target     which one: {@code ns/name}, {@code ns/name:path}, a token's id, an organisation's name
 * @param orgId      the organisation whose admins may see the record (the target's owner), when there is one
 * @param before     the relevant state before (empty when created)
 * @param after      the relevant state after (empty when removed); never secrets
 */
public record AuditRecord(String action, Optional<Long> actorId, Optional<String> actorName, String targetType,
                          String target, Optional<Long> orgId, Map<String, Object> before, Map<String, Object> after) {

    public AuditRecord {
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(targetType, "targetType is null");
        Objects.requireNonNull(target, "target is null");
        before = before == null ? Map.of() : Map.copyOf(before);
        after = after == null ? Map.of() : Map.copyOf(after);
    }
}
