package dev.stoa.ui.view.audit;

import java.util.List;

/**
 * One event of the audit trail as the audit pages list it.
 *
 * @param at      when, in UTC, to the second
 * @param actor   who did it, null when Stoa itself did
 * @param changes what changed, one {@code key: before → after} line each
 */
public record AuditRow(long id, String at, String action, String actor, String target, String org, String clientAddress,
                       List<String> changes) {
}
