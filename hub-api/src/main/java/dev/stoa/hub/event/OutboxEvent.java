package dev.stoa.hub.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * One event as it was written to the outbox, in the transaction of the change it describes.
 *
 * @param id            its position in the stream (increasing)
 * @param type          what happened, {@code <area>.<verb>}: {@code revision.published}, {@code check-run.finished}, ...
 * @param partitionKey  the repository it concerns (its id), or 0: consumers get each repository's events in order
 * @param payload       the event record as JSON (read it with {@link #payload(Class)})
 * @param actorId       the account whose request made the change, empty for Stoa's own work
 * @param actorName     that account's name at the time
 * @param clientAddress the address that request came from
 * @param createdAt     when it was written
 */
public record OutboxEvent(long id, String type, long partitionKey, String payload, Optional<Long> actorId,
                          Optional<String> actorName, Optional<String> clientAddress, Instant createdAt) {

    /** The payload when the event was written with {@link Outbox#change}, empty for the typed events of the stream. */
    public Optional<Change> change() {
        try {
            JsonNode tree = EventJson.MAPPER.readTree(payload);
            return tree.hasNonNull("targetType") ? Optional.of(EventJson.MAPPER.treeToValue(tree, Change.class)) : Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + id + " (" + type + ") has a payload that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The payload as the record type it was written from. */
    public <T> T payload(Class<T> recordType) {
        try {
            return EventJson.MAPPER.readValue(payload, recordType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + id + " (" + type + ") is not a " + recordType.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }
}
