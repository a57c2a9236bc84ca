/**
 * The event stream: what features changed, written to a transactional outbox in the change's own transaction,
 * and delivered to each consumer at least once, in order per repository, with retries, parking and replay, on every
 * replica. Owns {@code event_outbox} and {@code event_delivery}.
 * <p>Uses: {@code db}, {@code config}.
 */
package dev.stoa.hub.event;
