package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.Finding;

import java.util.List;
import java.util.Optional;

/**
 * A revision's license as identified from its card and license files.
 *
 * @param license  the license's terms, or {@code null} when none was identified
 * @param declared the card's {@code license} value as written, or {@code null}
 * @param source   where the license was read: {@code card}, {@code file}, {@code card+file} or {@code none}
 * @param findings what identification found (missing, unknown, card and file disagreeing...)
 */
public record Identification(LicenseTerms license, String declared, String source, List<Finding> findings) {

    public Identification {
        findings = List.copyOf(findings);
    }

    public Optional<LicenseTerms> terms() {
        return Optional.ofNullable(license);
    }
}
