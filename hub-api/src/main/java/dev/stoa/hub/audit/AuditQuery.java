package dev.stoa.hub.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A search of the audit trail; every filter is optional. Results come newest first.
 *
 * @param action   an exact action ({@code repo.created}) or an area ending in a dot ({@code repo.})
 * @param actor    the name of the account that acted
 * @param target   an exact target, or a prefix ending in {@code *} ({@code acme/*})
 * @param orgId    only events whose organisation is this one
 * @param from     events at or after this instant
 * @param to       events before this instant
 * @param beforeId only events older than this id: the {@code next} cursor of the previous page
 * @param limit    at most this many events (a page); 0 for all (the export)
 */
public record AuditQuery(Optional<String> action, Optional<String> actor, Optional<String> target, Optional<Long> orgId,
                         Optional<Instant> from, Optional<Instant> to, Optional<Long> beforeId, int limit) {
}
