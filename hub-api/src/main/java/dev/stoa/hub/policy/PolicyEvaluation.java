package dev.stoa.hub.policy;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * What the policy in force says about one revision of a repository.
 *
 * @param policyVersion     the version applied, e.g. {@code organisation acme v2}, {@code platform v1},
 *                          {@code built-in default}
 * @param requiredChecks    each required check with its run's state on the commit
 * @param license           the revision's license and what the policy says of it
 * @param missingCardFields required card metadata keys the revision's card lacks
 * @param blocksCuration    whether the revision may not be curated (approved) as it is
 * @param reasons           why, and what else a curator should know, one sentence each
 * @param failedCheckAction what the policy does on a failed required check
 */
public record PolicyEvaluation(String policyVersion, List<RequiredCheck> requiredChecks, LicenseStatus license,
                               List<String> missingCardFields, boolean blocksCuration, List<String> reasons,
                               Policy.FailedCheckAction failedCheckAction) {

    public PolicyEvaluation {
        requiredChecks = List.copyOf(requiredChecks);
        missingCardFields = List.copyOf(missingCardFields);
        reasons = List.copyOf(reasons);
    }

    /** Whether a required check failed (FAIL or ERROR verdict, or its run failed or was cancelled). */
    public boolean anyRequiredCheckFailed() {
        return requiredChecks.stream().anyMatch(c -> c.outcome() == RequiredCheck.Outcome.FAILED);
    }

    /**
     * A required check on the commit.
     *
     * @param check   {@code <plugin>/<check>}
     * @param status  the run's status ({@code queued}, {@code running}, {@code succeeded}, {@code failed},
     *                {@code cancelled}) or {@code missing} when no run exists
     * @param verdict PASS, WARN, FAIL or ERROR once finished; null before
     */
    public record RequiredCheck(String check, String status, String verdict) {

        /** passed (PASS or WARN), failed, or pending (not run or not finished). */
        public enum Outcome { PASSED, FAILED, PENDING }

        public Outcome outcome() {
            if ("FAIL".equals(verdict) || "ERROR".equals(verdict) || "failed".equals(status) || "cancelled".equals(status)) {
                return Outcome.FAILED;
            }
            if ("succeeded".equals(status) && ("PASS".equals(verdict) || "WARN".equals(verdict))) {
                return Outcome.PASSED;
            }
            return Outcome.PENDING;
        }
    }

    /**
     * The revision's license as the policy sees it.
     *
     * @param licenseId the id the license-policy check found (or the card's {@code license}); null when none
     */
    public record LicenseStatus(Status status, String licenseId) {

        public enum Status {
            ALLOWED("allowed"), DENIED("denied"), NEEDS_REVIEW("needs-review"), UNKNOWN("unknown");

            private final String label;

            Status(String label) {
                this.label = label;
            }

            @JsonValue
            public String label() {
                return label;
            }
        }
    }
}
