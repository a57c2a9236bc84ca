package dev.stoa.ui.view.policy;

/**
 * The policy editor's fields: lists one entry a line.
 *
 * @param onFailedCheck       {@code warn}, {@code block-curation} or {@code quarantine}
 * @param minCardCompleteness the least documentation completeness, in percent ("" for none)
 * @param requiredEvaluations tasks a model must have a succeeded evaluation of, one a line
 */
public record PolicyForm(String requiredChecks, String licensesAllowed, String licensesDenied, String licensesNeedsReview,
                         String onFailedCheck, boolean membersPublishWithoutReview, String requiredCardFields,
                         String minCardCompleteness, String requiredEvaluations, String note) {
}
