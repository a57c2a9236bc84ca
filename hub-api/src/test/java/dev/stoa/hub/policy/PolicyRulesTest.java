package dev.stoa.hub.policy;

import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.check.CheckStatus;
import dev.stoa.hub.policy.PolicyEvaluation.LicenseStatus;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy rules on a revision's check runs and card, without a database. */
class PolicyRulesTest {

    private static final String COMMIT = "a".repeat(40);

    private static PolicyVersion version(Policy policy) {
        return new PolicyVersion(Optional.of("acme"), 3, policy, Optional.of("alice"), Optional.empty(), Instant.now());
    }

    private static Policy requiring(List<String> checks, Policy.FailedCheckAction action) {
        return new Policy(checks, List.of(), List.of("cc-by-nc-4.0"), List.of("other"), action, true, List.of());
    }

    private static CheckRunView run(String check, CheckStatus status, String verdict, List<Finding> findings, List<Metric> metrics) {
        return new CheckRunView(1, 1, COMMIT, check, check.substring(0, check.indexOf('/')), status, verdict, findings,
                metrics, "", 1, Instant.now(), Instant.now(), Instant.now(), null);
    }

    @Test
    void failingRequiredCheckBlocksCurationAndPassingAllowsIt() {
        Policy policy = requiring(List.of("pickle-scanner/pickle"), Policy.FailedCheckAction.BLOCK_CURATION);
        PolicyEvaluation failed = PolicyRules.evaluate(version(policy),
                List.of(run("pickle-scanner/pickle", CheckStatus.succeeded, "FAIL", List.of(), List.of())), Map.of("license", "mit"));
        assertThat(failed.blocksCuration()).isTrue();
        assertThat(failed.anyRequiredCheckFailed()).isTrue();
        assertThat(failed.reasons()).anyMatch(r -> r.contains("pickle-scanner/pickle failed"));
        assertThat(failed.policyVersion()).isEqualTo("organisation acme v3");

        PolicyEvaluation passed = PolicyRules.evaluate(version(policy),
                List.of(run("pickle-scanner/pickle", CheckStatus.succeeded, "PASS", List.of(), List.of())), Map.of("license", "mit"));
        assertThat(passed.blocksCuration()).isFalse();
        assertThat(passed.reasons()).isEmpty();
        assertThat(passed.license()).isEqualTo(new LicenseStatus(LicenseStatus.Status.ALLOWED, "mit"));
    }

    @Test
    void warnOnlyPolicyListsTheFailureWithoutBlocking() {
        PolicyEvaluation e = PolicyRules.evaluate(version(requiring(List.of("card-check/card"), Policy.FailedCheckAction.WARN)),
                List.of(run("card-check/card", CheckStatus.succeeded, "FAIL", List.of(), List.of())), Map.of("license", "mit"));
        assertThat(e.blocksCuration()).isFalse();
        assertThat(e.reasons()).singleElement().asString().contains("only warns");
    }

    @Test
    void requiredCheckNotRunOrNotFinishedBlocks() {
        Policy policy = requiring(List.of("a/b", "c/d"), Policy.FailedCheckAction.WARN);
        PolicyEvaluation e = PolicyRules.evaluate(version(policy),
                List.of(run("c/d", CheckStatus.running, null, List.of(), List.of())), Map.of("license", "mit"));
        assertThat(e.blocksCuration()).isTrue();
        assertThat(e.requiredChecks()).extracting(PolicyEvaluation.RequiredCheck::status).containsExactly("missing", "running");
    }

    @Test
    void deniedLicenseIsFlaggedFromTheLicensePolicyMetric() {
        PolicyEvaluation e = PolicyRules.evaluate(version(requiring(List.of(), Policy.FailedCheckAction.WARN)),
                List.of(run("license-policy/license", CheckStatus.succeeded, "PASS", List.of(),
                        List.of(Metric.text("license.id", "CC-BY-NC-4.0")))), Map.of());
        assertThat(e.license()).isEqualTo(new LicenseStatus(LicenseStatus.Status.DENIED, "CC-BY-NC-4.0"));
        assertThat(e.blocksCuration()).isTrue();
        assertThat(e.reasons()).anyMatch(r -> r.contains("CC-BY-NC-4.0 is denied"));
    }

    @Test
    void licenseOutsideTheAllowedListNeedsReviewAndNoLicenseIsUnknown() {
        Policy allowList = new Policy(List.of(), List.of("apache-2.0", "mit"), List.of(), List.of(),
                Policy.FailedCheckAction.BLOCK_CURATION, true, List.of());
        assertThat(PolicyRules.evaluate(version(allowList), List.of(), Map.of("license", "gpl-3.0")).license().status())
                .isEqualTo(LicenseStatus.Status.NEEDS_REVIEW);
        assertThat(PolicyRules.evaluate(version(allowList), List.of(), Map.of("license", "Apache-2.0")).license().status())
                .isEqualTo(LicenseStatus.Status.ALLOWED);
        PolicyEvaluation none = PolicyRules.evaluate(version(allowList), List.of(), Map.of());
        assertThat(none.license()).isEqualTo(new LicenseStatus(LicenseStatus.Status.UNKNOWN, null));
        assertThat(none.blocksCuration()).isFalse();
    }

    @Test
    void derivativeOfANoDerivativesBaseIsFlagged() {
        PolicyEvaluation e = PolicyRules.evaluate(version(requiring(List.of(), Policy.FailedCheckAction.WARN)),
                List.of(run("license-policy/license", CheckStatus.succeeded, "FAIL",
                        List.of(new Finding(Severity.HIGH, "license.lineage.no-derivatives", null,
                                "The base model acme/base is licensed CC-BY-ND-4.0, which forbids derivatives.")),
                        List.of(Metric.text("license.id", "MIT")))), Map.of());
        assertThat(e.blocksCuration()).isTrue();
        assertThat(e.reasons()).anyMatch(r -> r.startsWith("The base model's license forbids this derivative")
                && r.contains("CC-BY-ND-4.0"));
    }

    @Test
    void missingCardFieldsBlock() {
        Policy policy = new Policy(List.of(), List.of(), List.of(), List.of(), null, true, List.of("license", "language", "tags"));
        PolicyEvaluation e = PolicyRules.evaluate(version(policy), List.of(), Map.of("license", "mit", "tags", List.of()));
        assertThat(e.missingCardFields()).containsExactly("language", "tags");
        assertThat(e.blocksCuration()).isTrue();
        assertThat(e.failedCheckAction()).isEqualTo(Policy.FailedCheckAction.BLOCK_CURATION);
    }

    @Test
    void documentationBelowTheMinimumAndMissingEvaluationsBlockCuration() {
        Policy policy = new Policy(List.of(), List.of(), List.of(), List.of(), null, true, List.of(), 0.6,
                List.of("acme/arc/arc_easy", "acme/bbq/bbq"));
        PolicyEvaluation short_ = PolicyRules.evaluate(version(policy), List.of(), Map.of("license", "mit"),
                new PolicyRules.Measured(0.35, java.util.Set.of("acme/arc/arc_easy")));
        assertThat(short_.blocksCuration()).isTrue();
        assertThat(short_.reasons()).anyMatch(r -> r.contains("documents 35%") && r.contains("asks for 60%"))
                .anyMatch(r -> r.contains("acme/bbq/bbq") && !r.contains("arc_easy"));
        PolicyEvaluation met = PolicyRules.evaluate(version(policy), List.of(), Map.of("license", "mit"),
                new PolicyRules.Measured(0.6, java.util.Set.of("acme/arc/arc_easy", "acme/bbq/bbq")));
        assertThat(met.blocksCuration()).as(met.reasons().toString()).isFalse();
        assertThatThrownBy(() -> new Policy(List.of(), List.of(), List.of(), List.of(), null, true, List.of(), 1.2,
                List.of()).validated()).hasMessageContaining("minCardCompleteness");
    }
}
