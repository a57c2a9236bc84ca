package dev.stoa.hub.web.policy;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.policy.Policy;
import dev.stoa.hub.policy.PolicyVersion;

import dev.stoa.ui.view.policy.PolicyForm;
import dev.stoa.ui.view.policy.PolicyVersionRow;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Between the portal's policy editor form (lists one entry a line) and {@link Policy}. */
final class PolicyForms {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private PolicyForms() {
    }

    /** The form showing a version. */
    static PolicyForm of(Policy p) {
        return new PolicyForm(lines(p.requiredChecks()), lines(p.licensesAllowed()), lines(p.licensesDenied()),
                lines(p.licensesNeedsReview()), p.onFailedCheck().label(), p.membersPublishWithoutReview(),
                lines(p.requiredCardFields()), p.minCardCompleteness() == 0 ? ""
                        : String.valueOf(Math.round(p.minCardCompleteness() * 100)), lines(p.requiredEvaluations()), null);
    }

    /** The policy a submitted form describes; a 400 for an unknown failed-check action. */
    static Policy policy(PolicyForm form) {
        return new Policy(list(form.requiredChecks()), list(form.licensesAllowed()), list(form.licensesDenied()),
                list(form.licensesNeedsReview()), Policy.FailedCheckAction.parse(form.onFailedCheck()),
                form.membersPublishWithoutReview(), list(form.requiredCardFields()), percent(form.minCardCompleteness()),
                list(form.requiredEvaluations()));
    }

    /** The completeness field, in percent, as a share. */
    private static double percent(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(text.strip()) / 100;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("minCardCompleteness", "The least completeness is a percentage from 0 to"
                    + " 100; '" + text + "' is not.");
        }
    }

    static Optional<String> note(PolicyForm form) {
        String note = form.note();
        if (note == null || note.isBlank()) {
            return Optional.empty();
        }
        if (note.length() > 500) {
            throw ApiException.invalidField("note", "The note has " + note.length() + " characters; at most 500.");
        }
        return Optional.of(note.strip());
    }

    /** A history row: the version's rules in words. */
    static PolicyVersionRow row(PolicyVersion v) {
        Policy p = v.policy();
        List<String> rules = new ArrayList<>();
        rules.add("Required checks: " + words(p.requiredChecks()) + "; on failure: " + p.onFailedCheck().label());
        rules.add("Licenses allowed: " + (p.licensesAllowed().isEmpty() ? "all not denied" : String.join(", ", p.licensesAllowed()))
                + "; denied: " + words(p.licensesDenied()) + "; needing review: " + words(p.licensesNeedsReview()));
        rules.add("Required card fields: " + words(p.requiredCardFields()));
        rules.add("Least documentation completeness: " + (p.minCardCompleteness() == 0 ? "none"
                : Math.round(p.minCardCompleteness() * 100) + "%") + "; required evaluations: "
                + words(p.requiredEvaluations()));
        rules.add(p.membersPublishWithoutReview() ? "Members publish publicly without review"
                : "Members' new repositories are created private until an admin publishes them");
        return new PolicyVersionRow(v.version(), v.author().orElse(null), MINUTE.format(v.createdAt()), v.note().orElse(null), rules);
    }

    private static String words(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String lines(List<String> values) {
        return String.join("\n", values);
    }

    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
