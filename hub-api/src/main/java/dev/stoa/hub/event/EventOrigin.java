package dev.stoa.hub.event;

import java.util.Optional;

/**
 * Who made the change an event describes, and from where: read when the event is written (from the request being
 * served), since a consumer runs later, on any replica. The audit feature provides it.
 */
public interface EventOrigin {

    /** The origin of a change made by Stoa itself, or outside any request. */
    Origin NONE = new Origin(Optional.empty(), Optional.empty(), Optional.empty());

    /** The origin of the change being made now. */
    Origin current();

    /** An account (empty for Stoa itself) and the client address of its request. */
    record Origin(Optional<Long> actorId, Optional<String> actorName, Optional<String> clientAddress) {
    }
}
