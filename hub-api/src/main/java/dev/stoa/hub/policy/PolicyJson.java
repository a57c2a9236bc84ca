package dev.stoa.hub.policy;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The policy API's bodies. */
final class PolicyJson {

    private PolicyJson() {
    }

    /**
     * A policy version as the API shows it.
     *
     * @param scope     {@code platform} or {@code organization}: whose version this is
     * @param inherited true when an organisation has no override and the platform's policy applies to it
     */
    record View(String scope, String organization, int version, String label, boolean inherited,
                @JsonUnwrapped Policy policy, String author, String note, Instant createdAt) {

        static View of(PolicyVersion v, Optional<String> askedFor) {
            return new View(v.organization().isPresent() ? "organization" : "platform", v.organization().orElse(null),
                    v.version(), v.label(), askedFor.isPresent() && v.organization().isEmpty(), v.policy(),
                    v.author().orElse(null), v.note().orElse(null), v.version() == 0 ? null : v.createdAt());
        }
    }

    /** A history page, newest first; {@code next}: the {@code before} of the following page, null at the end. */
    record History(List<View> versions, Integer next) {
    }

    /** A new version: the whole policy (what is left out takes the built-in default) and an optional note. */
    record Change(List<String> requiredChecks, List<String> licensesAllowed, List<String> licensesDenied,
                  List<String> licensesNeedsReview, String onFailedCheck, Boolean membersPublishWithoutReview,
                  List<String> requiredCardFields, Double minCardCompleteness, List<String> requiredEvaluations,
                  String note) {

        /** The body as sent, or for a request without one the empty change: every rule at its default. */
        static Change orEmpty(Change change) {
            return change != null ? change : new Change(null, null, null, null, null, null, null, null, null, null);
        }

        Policy policy() {
            return new Policy(requiredChecks, licensesAllowed, licensesDenied, licensesNeedsReview,
                    Policy.FailedCheckAction.parse(onFailedCheck),
                    membersPublishWithoutReview == null || membersPublishWithoutReview, requiredCardFields,
                    minCardCompleteness == null ? 0 : minCardCompleteness, requiredEvaluations);
        }

        Optional<String> cleanNote() {
            if (note == null || note.isBlank()) {
                return Optional.empty();
            }
            if (note.length() > 500) {
                throw dev.stoa.hub.error.ApiException.invalidField("note", "The note has " + note.length()
                        + " characters; at most 500.");
            }
            return Optional.of(note.strip());
        }
    }

    static History history(List<PolicyVersion> versions, int limit) {
        Integer next = versions.size() == limit ? versions.get(versions.size() - 1).version() : null;
        return new History(versions.stream().map(v -> View.of(v, Optional.empty())).toList(), next);
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return 50;
        }
        if (limit < 1 || limit > 500) {
            throw dev.stoa.hub.error.ApiException.invalidField("limit", "limit must be between 1 and 500.");
        }
        return limit;
    }

    static int before(Integer before) {
        return before == null || before < 1 ? Integer.MAX_VALUE : before;
    }
}
