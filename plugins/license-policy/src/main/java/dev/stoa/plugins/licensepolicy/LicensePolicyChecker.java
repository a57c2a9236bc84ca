package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Revision;

import java.util.Locale;

/**
 * Identifies a revision's license, checks it against its base models' licenses and the organisation's policy.
 * Reports {@code license.id}, {@code license.source}, {@code license.spdx} and {@code license.commercial-use}.
 * Stateless and thread-safe.
 */
public final class LicensePolicyChecker implements LicenseChecker {

    private final LicenseIdentifier identifier;
    private final LineageCheck lineage;
    private final OrganisationPolicy policy;

    public LicensePolicyChecker(LicenseIdentifier identifier, OrganisationPolicy policy) {
        this.identifier = identifier;
        this.lineage = new LineageCheck(identifier);
        this.policy = policy;
    }

    @Override
    public boolean appliesTo(Revision revision) {
        return "model".equals(revision.repository().type()) || "dataset".equals(revision.repository().type());
    }

    @Override
    public CheckResult check(Revision revision, CheckContext context) {
        Identification identification = identifier.identify(revision);
        LicenseTerms license = identification.license();
        CheckResult.Builder result = CheckResult.builder();
        identification.findings().forEach(result::finding);
        policy.check(license, identification.declared()).ifPresent(result::finding);
        lineage.check(revision, license).forEach(result::finding);

        result.metric(Metric.text("license.source", identification.source()));
        StringBuilder summary = new StringBuilder();
        if (license != null) {
            result.metric(Metric.text("license.id", license.id()))
                    .metric(Metric.flag("license.spdx", license.spdx()))
                    .metric(Metric.text("license.commercial-use",
                            license.commercialUse().name().toLowerCase(Locale.ROOT).replace('_', '-')));
            summary.append("License: **").append(license.id()).append("**");
            if (!license.name().equals(license.id())) {
                summary.append(" (").append(license.name()).append(")");
            }
            summary.append(", from the ").append(identification.source().replace("+", " and the ")).append('.');
        } else {
            summary.append("No license identified.");
        }
        CheckResult built = result.build();
        long problems = built.findings().stream().filter(f -> f.severity().compareTo(dev.stoa.spi.Severity.LOW) >= 0)
                .count();
        summary.append(problems == 0 ? " No license problems found." : " " + problems + " license problem"
                + (problems == 1 ? "" : "s") + " found.");
        return result.summary(summary.toString()).build();
    }
}
