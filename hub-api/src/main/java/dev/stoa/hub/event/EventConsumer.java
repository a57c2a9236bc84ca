package dev.stoa.hub.event;

import java.util.Set;

/**
 * A feature's reaction to what other features did, delivered from the outbox: at least once, and for each consumer in
 * the order the events were written for each repository (events of different repositories, and different consumers,
 * never wait for each other). A CDI bean implementing this is found at start.
 * <p>
 * {@link #handle} runs inside a transaction that also records the delivery, so database work it does takes effect
 * exactly once. It must tolerate an event it has seen before (after a crash between its work and a reply, say) and must
 * not call out to anything slow. Throwing rolls its work back; the event is retried with growing pauses and, after
 * {@code stoa.events.max-attempts} tries, parked where administrators see and replay it.
 */
public interface EventConsumer {

    /** A stable name, {@code <feature>-<reaction>}: pending deliveries are kept under it across restarts. */
    String name();

    /** In {@link #eventTypes()}: every event, of any type (the audit trail records them all). */
    String EVERY_TYPE = "*";

    /** The event types it reacts to ({@link OutboxEvent#type()}), or {@link #EVERY_TYPE}. */
    Set<String> eventTypes();

    /** Reacts to one event, in the delivery's transaction. */
    void handle(OutboxEvent event) throws Exception;
}
