package dev.stoa.hub.policy;

import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.policy.PolicyEvaluation.LicenseStatus;
import dev.stoa.hub.policy.PolicyEvaluation.RequiredCheck;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies a policy to a revision's check runs and card metadata; no I/O. */
final class PolicyRules {

    /** The metric the license-policy plugin reports the identified license in. */
    static final String LICENSE_METRIC = "license.id";
    /** The prefix of the license-policy plugin's findings about the base model's license terms. */
    static final String LINEAGE_FINDING = "license.lineage.";

    private PolicyRules() {
    }

    /**
     * What Stoa measured of the revision beyond its checks: how much of the audit report's documentation its card
     * covers, and the tasks it has a succeeded evaluation of at this commit.
     */
    record Measured(double cardCompleteness, java.util.Set<String> evaluatedTasks) {
        static final Measured NOTHING = new Measured(0, java.util.Set.of());
    }

    static PolicyEvaluation evaluate(PolicyVersion version, List<CheckRunView> runs, Map<String, Object> cardData) {
        return evaluate(version, runs, cardData, Measured.NOTHING);
    }

    static PolicyEvaluation evaluate(PolicyVersion version, List<CheckRunView> runs, Map<String, Object> cardData,
            Measured measured) {
        Policy policy = version.policy();
        List<String> reasons = new ArrayList<>();
        boolean blocks = false;

        List<RequiredCheck> required = new ArrayList<>();
        for (String check : policy.requiredChecks()) {
            Optional<CheckRunView> run = runs.stream().filter(r -> r.check().equals(check)).findFirst();
            RequiredCheck rc = new RequiredCheck(check, run.map(r -> r.status().name()).orElse("missing"),
                    run.map(CheckRunView::verdict).orElse(null));
            required.add(rc);
            switch (rc.outcome()) {
                case FAILED -> {
                    reasons.add("Required check " + check + " failed (" + (rc.verdict() == null ? rc.status() : rc.verdict())
                            + ")" + (policy.onFailedCheck().blocksCuration() ? "." : "; the policy only warns."));
                    blocks |= policy.onFailedCheck().blocksCuration();
                }
                case PENDING -> {
                    reasons.add("Required check " + check + (rc.status().equals("missing")
                            ? " has not run on this commit; enable its plugin or re-run the checks."
                            : " has not finished (" + rc.status() + ")."));
                    blocks = true;
                }
                case PASSED -> {
                }
            }
        }

        String licenseId = licenseId(runs, cardData);
        LicenseStatus.Status status = licenseStatus(policy, licenseId);
        switch (status) {
            case DENIED -> {
                reasons.add("The license " + licenseId + " is denied by the policy.");
                blocks = true;
            }
            case NEEDS_REVIEW -> reasons.add("The license " + licenseId + " needs a curator's review.");
            case UNKNOWN -> reasons.add("No license was found in the card or a LICENSE file.");
            case ALLOWED -> {
            }
        }

        for (CheckRunView run : runs) {
            for (Finding finding : run.findings()) {
                if (finding.code() != null && finding.code().startsWith(LINEAGE_FINDING)
                        && finding.severity().compareTo(Severity.HIGH) >= 0) {
                    reasons.add("The base model's license forbids this derivative: " + finding.message());
                    blocks = true;
                }
            }
        }

        List<String> missing = policy.requiredCardFields().stream().filter(f -> isMissing(cardData.get(f))).toList();
        if (!missing.isEmpty()) {
            reasons.add("The model card's metadata lacks " + String.join(", ", missing) + ".");
            blocks = true;
        }
        if (policy.minCardCompleteness() > 0 && measured.cardCompleteness() < policy.minCardCompleteness()) {
            reasons.add(String.format(java.util.Locale.ROOT, "The card documents %.0f%% of the audit report's fields;"
                    + " the policy asks for %.0f%% (the audit report lists the gaps).", measured.cardCompleteness() * 100,
                    policy.minCardCompleteness() * 100));
            blocks = true;
        }
        List<String> unevaluated = policy.requiredEvaluations().stream()
                .filter(task -> !measured.evaluatedTasks().contains(task)).toList();
        if (!unevaluated.isEmpty()) {
            reasons.add("The policy requires evaluations this commit has not passed through yet: "
                    + String.join(", ", unevaluated) + " (POST /api/v1/evaluations).");
            blocks = true;
        }
        return new PolicyEvaluation(version.label(), required, new LicenseStatus(status, licenseId), missing, blocks,
                reasons, policy.onFailedCheck());
    }

    private static LicenseStatus.Status licenseStatus(Policy policy, String licenseId) {
        if (licenseId == null) {
            return LicenseStatus.Status.UNKNOWN;
        }
        if (Policy.contains(policy.licensesDenied(), licenseId)) {
            return LicenseStatus.Status.DENIED;
        }
        if (Policy.contains(policy.licensesNeedsReview(), licenseId)) {
            return LicenseStatus.Status.NEEDS_REVIEW;
        }
        if (policy.licensesAllowed().isEmpty() || Policy.contains(policy.licensesAllowed(), licenseId)) {
            return LicenseStatus.Status.ALLOWED;
        }
        return LicenseStatus.Status.NEEDS_REVIEW;
    }

    /** The license-policy plugin's identified license, else the card's {@code license} key. */
    private static String licenseId(List<CheckRunView> runs, Map<String, Object> cardData) {
        for (CheckRunView run : runs) {
            for (Metric metric : run.metrics()) {
                if (metric instanceof Metric.Text text && LICENSE_METRIC.equals(text.name()) && !text.value().isBlank()) {
                    return text.value();
                }
            }
        }
        return cardData.get("license") instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static boolean isMissing(Object value) {
        return value == null || (value instanceof String s && s.isBlank())
                || (value instanceof java.util.Collection<?> c && c.isEmpty());
    }
}
