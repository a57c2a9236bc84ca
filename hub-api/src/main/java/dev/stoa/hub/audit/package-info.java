/**
 * The audit trail: a hash-chained, append-only record of every change. It records the events of the stream
 * ({@link dev.stoa.hub.audit.ObservedChanges}, every {@link dev.stoa.hub.event.Change} and the typed events) and the
 * downloads of gated files; no other feature writes to it. Owns the {@code audit_event} table, its API, search,
 * export and verification, and who may read which records.
 * <p>Uses: {@code event}, {@code identity}, {@code repo}, {@code access}, {@code git} and {@code check} (their event
 * types), {@code error}.
 */
package dev.stoa.hub.audit;
