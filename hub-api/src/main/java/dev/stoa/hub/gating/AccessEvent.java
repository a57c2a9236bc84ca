package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One entry of the append-only history of a repository's access requests.
 *
 * @param status    the request's status afterwards; null when the user withdrew it
 * @param actorId   who did it (the user, a repository writer); null when it was accepted automatically
 */
record AccessEvent(long repoId, String repoName, long userId, String userName, String userEmail, Action action,
                   RequestStatus status, JsonNode fields, Terms terms, Long actorId, String actorName, String reason,
                   Instant at) {

    /** What happened. */
    enum Action { requested, accepted, rejected, pending, granted, cancelled }
}
