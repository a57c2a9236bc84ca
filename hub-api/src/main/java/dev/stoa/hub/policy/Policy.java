package dev.stoa.hub.policy;

import dev.stoa.hub.error.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A governance policy document: what a revision needs to be eligible for curation, and how repositories may be
 * published.
 *
 * @param requiredChecks              checks ({@code <plugin>/<check>}) that must pass on a revision
 * @param licensesAllowed             license ids (SPDX or Hub ids) allowed; empty: every license not denied or
 *                                    needing review is allowed
 * @param licensesDenied              license ids never allowed
 * @param licensesNeedsReview         license ids a curator must look at
 * @param onFailedCheck               what a failed required check does: warn, block-curation or quarantine
 * @param membersPublishWithoutReview whether organisation members (not admins) may create public repositories
 * @param requiredCardFields          YAML keys the model card's metadata must have
 * @param minCardCompleteness         the least share (0 to 1) of the audit report's documentation fields a model's card
 *                                    must cover; 0: no minimum
 * @param requiredEvaluations         tasks ({@code <dataset namespace>/<dataset name>/<task>}) a model must have a
 *                                    succeeded evaluation of, at the very commit
 */
public record Policy(List<String> requiredChecks, List<String> licensesAllowed, List<String> licensesDenied,
                     List<String> licensesNeedsReview, FailedCheckAction onFailedCheck,
                     boolean membersPublishWithoutReview, List<String> requiredCardFields, double minCardCompleteness,
                     List<String> requiredEvaluations) {

    private static final Pattern CHECK = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}/[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern LICENSE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}");
    private static final Pattern CARD_FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TASK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9_.-]{1,200}");
    private static final int MAX_ENTRIES = 100;

    /** In force when no platform policy was ever saved: nothing required, members publish freely. */
    public static final Policy BUILT_IN = new Policy(List.of(), List.of(), List.of(), List.of(),
            FailedCheckAction.BLOCK_CURATION, true, List.of(), 0, List.of());

    /** A policy without documentation or evaluation requirements (as written before they existed). */
    public Policy(List<String> requiredChecks, List<String> licensesAllowed, List<String> licensesDenied,
            List<String> licensesNeedsReview, FailedCheckAction onFailedCheck, boolean membersPublishWithoutReview,
            List<String> requiredCardFields) {
        this(requiredChecks, licensesAllowed, licensesDenied, licensesNeedsReview, onFailedCheck,
                membersPublishWithoutReview, requiredCardFields, 0, List.of());
    }

    public Policy {
        requiredChecks = clean(requiredChecks);
        licensesAllowed = clean(licensesAllowed);
        licensesDenied = clean(licensesDenied);
        licensesNeedsReview = clean(licensesNeedsReview);
        requiredCardFields = clean(requiredCardFields);
        requiredEvaluations = clean(requiredEvaluations);
        onFailedCheck = onFailedCheck == null ? FailedCheckAction.BLOCK_CURATION : onFailedCheck;
    }

    /** This policy, or a 400 naming the first field that is not valid and how to fix it. */
    public Policy validated() {
        check("requiredChecks", requiredChecks, CHECK, "a check is '<plugin>/<check>' in lower case, e.g. 'pickle-scanner/pickle'");
        check("licensesAllowed", licensesAllowed, LICENSE, "a license id is an SPDX id or a Hub license id, e.g. 'apache-2.0'");
        check("licensesDenied", licensesDenied, LICENSE, "a license id is an SPDX id or a Hub license id, e.g. 'cc-by-nc-4.0'");
        check("licensesNeedsReview", licensesNeedsReview, LICENSE, "a license id is an SPDX id or a Hub license id, e.g. 'other'");
        check("requiredCardFields", requiredCardFields, CARD_FIELD, "a card field is a YAML key, e.g. 'license' or 'language'");
        check("requiredEvaluations", requiredEvaluations, TASK, "a task is '<dataset namespace>/<dataset name>/<task>',"
                + " e.g. 'acme/tiny-arc/tiny_arc'");
        if (!(minCardCompleteness >= 0 && minCardCompleteness <= 1)) {
            throw ApiException.invalidField("minCardCompleteness", "minCardCompleteness is a share from 0 to 1 (0.6:"
                    + " the card covers 60% of the audit report's documentation fields); got " + minCardCompleteness + ".");
        }
        for (String id : licensesDenied) {
            if (contains(licensesAllowed, id) || contains(licensesNeedsReview, id)) {
                throw ApiException.invalidField("licensesDenied", "'" + id + "' is both denied and allowed or needing"
                        + " review; list each license in one of licensesAllowed, licensesDenied, licensesNeedsReview.");
            }
        }
        for (String id : licensesNeedsReview) {
            if (contains(licensesAllowed, id)) {
                throw ApiException.invalidField("licensesNeedsReview", "'" + id + "' is both allowed and needing review;"
                        + " list it in one of licensesAllowed and licensesNeedsReview.");
            }
        }
        return this;
    }

    static boolean contains(List<String> ids, String id) {
        return id != null && ids.stream().anyMatch(i -> i.equalsIgnoreCase(id));
    }

    private static void check(String field, List<String> values, Pattern pattern, String hint) {
        if (values.size() > MAX_ENTRIES) {
            throw ApiException.invalidField(field, field + " has " + values.size() + " entries; at most " + MAX_ENTRIES + ".");
        }
        for (String value : values) {
            if (!pattern.matcher(value).matches()) {
                throw ApiException.invalidField(field, "'" + value + "' is not valid in " + field + ": " + hint + ".");
            }
        }
    }

    private static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                seen.add(value.strip());
            }
        }
        return List.copyOf(new ArrayList<>(seen));
    }

    /** What a failed required check does to a revision. */
    public enum FailedCheckAction {
        WARN("warn"), BLOCK_CURATION("block-curation"), QUARANTINE("quarantine");

        private final String label;

        FailedCheckAction(String label) {
            this.label = label;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return label;
        }

        /** Whether a failed required check keeps the revision from being curated. */
        public boolean blocksCuration() {
            return this != WARN;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static FailedCheckAction parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            for (FailedCheckAction action : values()) {
                if (action.label.equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return action;
                }
            }
            throw ApiException.invalidField("onFailedCheck", "'" + value + "' is not an action; give onFailedCheck:"
                    + " 'warn', 'block-curation' or 'quarantine'.");
        }
    }
}
