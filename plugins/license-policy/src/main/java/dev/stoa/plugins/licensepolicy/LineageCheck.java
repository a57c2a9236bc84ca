package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.Finding;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Revision;
import dev.stoa.spi.Severity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a derived model (adapter, fine-tune, merge, quantization) is licensed compatibly with each of its base
 * models: non-commercial terms and no-derivatives terms, licenses that derivatives must keep (Llama, Gemma) with
 * their attribution and naming rules, RAIL use restrictions and share-alike. Base models on this Stoa are identified
 * like any revision; others by a small catalogue of well-known base models. Stateless and thread-safe.
 */
public final class LineageCheck {

    private static final Set<RepoKind> DERIVED = EnumSet.of(RepoKind.ADAPTER, RepoKind.FINETUNE, RepoKind.MERGE,
            RepoKind.QUANTIZED);

    private final LicenseIdentifier identifier;

    public LineageCheck(LicenseIdentifier identifier) {
        this.identifier = identifier;
    }

    /**
     * The lineage findings for {@code revision} licensed as {@code license} ({@code null} when none was identified).
     */
    public List<Finding> check(Revision revision, LicenseTerms license) {
        List<Finding> findings = new ArrayList<>();
        if (!DERIVED.contains(revision.kind())) {
            return findings;
        }
        String kind = revision.kind().name().toLowerCase(Locale.ROOT);
        Set<String> seen = new HashSet<>();
        for (Revision base : revision.baseModels()) {
            String name = base.repository().id();
            seen.add(name.toLowerCase(Locale.ROOT));
            Optional<LicenseTerms> terms = identifier.identify(base).terms();
            if (terms.isEmpty()) {
                findings.add(Finding.of(Severity.INFO, "license.lineage.base-unknown", null, "The base model " + name
                        + " has no license Stoa recognises, so this " + kind + "'s license cannot be checked against it."));
            } else {
                compare(revision, kind, name, terms.get(), license, findings);
            }
        }
        for (String name : revision.baseModelNames()) {
            if (seen.add(name.toLowerCase(Locale.ROOT))) {
                Optional<LicenseTerms> terms = KnownLicenses.byBaseModel(name);
                if (terms.isEmpty()) {
                    findings.add(Finding.of(Severity.INFO, "license.lineage.base-unavailable", null, "The base model "
                            + name + " is not on this Stoa and its license is not known, so this " + kind
                            + "'s license cannot be checked against it."));
                } else {
                    compare(revision, kind, name, terms.get(), license, findings);
                }
            }
        }
        return findings;
    }

    private static void compare(Revision revision, String kind, String baseName, LicenseTerms base,
                                LicenseTerms license, List<Finding> findings) {
        String of = "This " + kind + " of " + baseName + " (" + base.id() + ")";
        if (license == null || !license.isKnown()) {
            if (restrictive(base)) {
                findings.add(Finding.of(Severity.MEDIUM, "license.lineage.unverified", null, of + " has "
                        + (license == null ? "no license Stoa recognises" : "the custom license " + license.id())
                        + "; Stoa cannot tell whether it keeps the base model's terms (" + describe(base) + ")."));
            }
            return;
        }
        if (base.noDerivatives()) {
            findings.add(Finding.of(Severity.HIGH, "license.lineage.no-derivatives", null,
                    of + ": the base model's license forbids sharing adapted material."));
        }
        if (base.nonCommercial() && !license.nonCommercial()) {
            findings.add(Finding.of(Severity.HIGH, "license.lineage.non-commercial", null, of + " is licensed "
                    + license.id() + ", which allows commercial use, but the base model's license is non-commercial"
                    + " and its terms apply to derivatives; use the base model's license or another non-commercial one."));
        }
        if (base.derivativesKeepLicense()) {
            String prefix = "license.lineage." + base.family();
            String attribution = base.attribution() == null ? "" : " with \"" + base.attribution() + "\" displayed";
            if (!license.family().equals(base.family())) {
                findings.add(Finding.of(Severity.HIGH, prefix + "-terms", null, of + " is licensed " + license.id()
                        + ", but derivatives must be distributed under the " + base.name() + " (license: " + base.id()
                        + ")" + attribution + "."));
            } else if (!license.id().equals(base.id())) {
                findings.add(Finding.of(Severity.MEDIUM, prefix + "-terms", null, of + " is licensed " + license.id()
                        + "; derivatives must keep the base model's license, " + base.name() + " (license: "
                        + base.id() + ")."));
            } else {
                if (base.attribution() != null && !containsIgnoreCase(revision.cardText(), base.attribution())) {
                    findings.add(Finding.of(Severity.MEDIUM, prefix + "-attribution", "README.md", "The "
                            + base.name() + " requires derivatives to display \"" + base.attribution()
                            + "\"; the model card does not."));
                }
                if (base.namePrefix() != null && !alnum(revision.repository().name()).startsWith(alnum(base.namePrefix()))) {
                    findings.add(Finding.of(Severity.MEDIUM, prefix + "-name", null, "The " + base.name()
                            + " requires a derived model's name to begin with \"" + base.namePrefix() + "\"; this one is "
                            + revision.repository().name() + "."));
                }
            }
        } else if (base.useRestrictions() && !license.useRestrictions()) {
            findings.add(Finding.of(Severity.MEDIUM, "license.lineage.use-restrictions", null, of + " is licensed "
                    + license.id() + ", but the base model's use restrictions must be carried to derivatives: keep the "
                    + base.name() + " or a license with the same use restrictions."));
        }
        if (base.shareAlike() && !license.family().equals(base.family())) {
            findings.add(Finding.of(Severity.HIGH, "license.lineage.share-alike", null, of + " is licensed "
                    + license.id() + ", but the base model's license is share-alike: derivatives must use a "
                    + base.family() + " license."));
        }
    }

    private static boolean restrictive(LicenseTerms base) {
        return base.nonCommercial() || base.noDerivatives() || base.derivativesKeepLicense()
                || base.useRestrictions() || base.shareAlike();
    }

    private static String describe(LicenseTerms base) {
        List<String> terms = new ArrayList<>();
        if (base.nonCommercial()) {
            terms.add("non-commercial");
        }
        if (base.noDerivatives()) {
            terms.add("no derivatives");
        }
        if (base.derivativesKeepLicense()) {
            terms.add("derivatives keep the license");
        }
        if (base.useRestrictions()) {
            terms.add("use restrictions");
        }
        if (base.shareAlike()) {
            terms.add("share-alike");
        }
        return String.join(", ", terms);
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").contains(part.toLowerCase(Locale.ROOT));
    }

    private static String alnum(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
