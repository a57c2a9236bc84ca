package dev.stoa.ui.curation;

import java.util.List;

/**
 * One curation request as the portal shows it: what was submitted, the decision, and what decides eligibility.
 *
 * @param repoUrl     the repository's page
 * @param decisionUrl the request's own page (details and, for curators, the decision form)
 * @param statusClass the status badge's class
 * @param wantedTag   the tag asked for, or empty
 * @param tag         the protected tag once approved, or empty
 */
public record CurationItem(long id, String repoId, String repoUrl, String commit, String shortCommit, String revision,
                           String wantedTag, String note, String status, String statusClass, String submittedBy,
                           String submittedAt, String tag, String decidedBy, String decidedAt, String comment,
                           boolean eligible, List<String> blocking, List<String> notes, String policyVersion,
                           List<CurationCheck> checks, String decisionUrl) {
}
