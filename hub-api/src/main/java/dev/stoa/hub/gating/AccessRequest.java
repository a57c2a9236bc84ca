package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A user's access request to one repository, in its current state.
 *
 * @param requestedByUser whether the user asked (and so shares name and email), rather than being granted access
 * @param fields          the answers to the form, label → value; null for a direct grant
 * @param decidedAt       the last accept, reject or grant; null while pending
 * @param deciderName     who made that decision; null while pending or when it was accepted automatically
 */
public record AccessRequest(long userId, String userName, String fullname, String email, RequestStatus status,
                     boolean requestedByUser, JsonNode fields, Terms terms, Instant requestedAt, Instant decidedAt,
                     String deciderName, String deciderFullname, String rejectionReason) {
}
