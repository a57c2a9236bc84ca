package dev.stoa.ui.view.policy;

/**
 * The policy editor's fields: lists one entry a line.
 *
 * @param onFailedCheck {@code warn}, {@code block-curation} or {@code quarantine}
 */
public record PolicyForm(String requiredChecks, String licensesAllowed, String licensesDenied, String licensesNeedsReview,
                         String onFailedCheck, boolean membersPublishWithoutReview, String requiredCardFields, String note) {
}
