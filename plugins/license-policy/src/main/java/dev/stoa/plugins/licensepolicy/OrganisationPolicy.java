package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The organisation's license policy: denied licenses fail, licenses needing review warn, and when an allowlist is
 * set every other license fails (or warns, as configured). Entries are license ids compared case-insensitively
 * with the identified id and the card's declared id; a trailing {@code *} matches a prefix ({@code cc-by-nc-*}).
 *
 * @param allowed           the allowlist; empty allows every license that is not denied
 * @param denied            licenses that fail the check
 * @param review            licenses that need a person's review (a warning)
 * @param unlistedSeverity  the severity of a license not on a non-empty allowlist
 */
public record OrganisationPolicy(List<String> allowed, List<String> denied, List<String> review,
                                 Severity unlistedSeverity) {

    public OrganisationPolicy {
        allowed = normalise(allowed);
        denied = normalise(denied);
        review = normalise(review);
    }

    /** Whether the organisation restricts licenses to an allowlist. */
    public boolean hasAllowlist() {
        return !allowed.isEmpty();
    }

    /** The policy finding for a license, if any. */
    public Optional<Finding> check(LicenseTerms license, String declared) {
        if (license == null) {
            return Optional.empty();
        }
        List<String> ids = Stream.of(license.id(), declared).filter(id -> id != null)
                .map(id -> id.toLowerCase(Locale.ROOT)).distinct().toList();
        if (matches(denied, ids)) {
            return Optional.of(Finding.of(Severity.HIGH, "license.denied", null,
                    "The license " + license.id() + " is denied by the organisation's policy."));
        }
        if (matches(review, ids)) {
            return Optional.of(Finding.of(Severity.MEDIUM, "license.needs-review", null,
                    "The license " + license.id() + " needs review under the organisation's policy."));
        }
        if (hasAllowlist() && !matches(allowed, ids)) {
            return Optional.of(Finding.of(unlistedSeverity, "license.not-allowed", null,
                    "The license " + license.id() + " is not on the organisation's list of allowed licenses."));
        }
        return Optional.empty();
    }

    private static boolean matches(List<String> entries, List<String> ids) {
        return entries.stream().anyMatch(entry -> ids.stream().anyMatch(id -> entry.endsWith("*")
                ? id.startsWith(entry.substring(0, entry.length() - 1)) : id.equals(entry)));
    }

    private static List<String> normalise(List<String> entries) {
        return entries == null ? List.of() : entries.stream().map(String::strip).filter(e -> !e.isEmpty())
                .map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }
}
