package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identifies a revision's license from the card ({@code license}, {@code license_name}, {@code license_link}) and
 * from license files at the repository root ({@code LICENSE}, {@code LICENSE.md}, {@code LICENSE.txt},
 * {@code LICENCE}, {@code COPYING}) or the file {@code license_link} points to. Stateless and thread-safe.
 */
public final class LicenseIdentifier {

    private static final Pattern LICENSE_FILE = Pattern.compile("(?i)(licen[cs]e|copying)(\\.(md|txt|rst))?");

    private final long maxFileBytes;
    private final Severity missingSeverity;

    /**
     * @param maxFileBytes    how much of a license file is read at most
     * @param missingSeverity the severity of {@code license.missing}
     */
    public LicenseIdentifier(long maxFileBytes, Severity missingSeverity) {
        this.maxFileBytes = maxFileBytes;
        this.missingSeverity = missingSeverity;
    }

    public Identification identify(Revision revision) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> card = revision.cardData();
        String declared = declaredLicense(card.get("license"), findings);
        String link = text(card.get("license_link"));
        LicenseTerms fromCard = null;
        if (declared != null) {
            if (declared.equalsIgnoreCase("other")) {
                String name = text(card.get("license_name"));
                if (name == null) {
                    findings.add(Finding.of(Severity.MEDIUM, "license.other-unnamed", "README.md",
                            "The card says 'license: other' without a license_name; add license_name and license_link."));
                } else {
                    fromCard = KnownLicenses.byId(name).orElse(LicenseTerms.custom(name.toLowerCase(Locale.ROOT)));
                }
                if (link == null) {
                    findings.add(Finding.of(Severity.LOW, "license.other-no-link", "README.md",
                            "The card says 'license: other' without a license_link to the license text."));
                }
            } else {
                fromCard = KnownLicenses.byId(declared).orElse(null);
                if (fromCard == null) {
                    findings.add(Finding.of(Severity.MEDIUM, "license.unknown", "README.md", "The card's license '"
                            + declared + "' is neither an SPDX identifier nor a known model license; use a Hub license"
                            + " id, or 'other' with license_name and license_link."));
                }
            }
        }

        LicenseTerms fromFile = null;
        String filePath = null;
        for (String path : licenseFiles(revision, link)) {
            Optional<String> text = read(revision, path, findings);
            if (text.isEmpty()) {
                continue;
            }
            Optional<LicenseTerms> terms = KnownLicenses.byTextMarker(text.get())
                    .or(() -> SpdxLicenses.matchText(text.get()).map(KnownLicenses::spdxTerms));
            if (terms.isPresent()) {
                fromFile = terms.get();
                filePath = path;
                break;
            }
            findings.add(Finding.of(Severity.INFO, "license.file-unrecognised", path,
                    "The text of " + path + " matches no SPDX license Stoa compares with and no known model license."));
        }

        if (fromCard != null && fromFile != null) {
            if (fromCard.id().equalsIgnoreCase(fromFile.id())) {
                return new Identification(fromCard, declared, "card+file", findings);
            }
            if (fromCard.isKnown()) {
                findings.add(Finding.of(Severity.MEDIUM, "license.card-file-mismatch", filePath, "The card declares "
                        + fromCard.id() + " but " + filePath + " is the text of " + fromFile.id() + "."));
            }
            return new Identification(fromCard, declared, "card", findings);
        }
        if (fromCard != null) {
            return new Identification(fromCard, declared, "card", findings);
        }
        if (fromFile != null) {
            return new Identification(fromFile, declared, "file", findings);
        }
        if (declared == null) {
            findings.add(Finding.of(missingSeverity, "license.missing", null,
                    "No license: the card has no 'license' and no license file was recognised."));
        }
        return new Identification(null, declared, "none", findings);
    }

    private static String declaredLicense(Object value, List<Finding> findings) {
        if (value instanceof List<?> list) {
            if (list.size() > 1) {
                findings.add(Finding.of(Severity.INFO, "license.multiple", "README.md", "The card lists "
                        + list.size() + " licenses; only the first, " + list.getFirst() + ", is checked."));
            }
            return list.isEmpty() ? null : text(list.getFirst());
        }
        return text(value);
    }

    private static String text(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static Set<String> licenseFiles(Revision revision, String link) {
        Set<String> paths = new LinkedHashSet<>();
        if (link != null) {
            String relative = link.startsWith("./") ? link.substring(2) : link;
            revision.file(relative).ifPresent(file -> paths.add(file.path()));
        }
        for (RevisionFile file : revision.files()) {
            if (!file.path().contains("/") && LICENSE_FILE.matcher(file.path()).matches()) {
                paths.add(file.path());
            }
        }
        return paths;
    }

    private Optional<String> read(Revision revision, String path, List<Finding> findings) {
        try (InputStream in = revision.openRange(path, 0, maxFileBytes)) {
            return Optional.of(new String(in.readNBytes((int) Math.min(maxFileBytes, Integer.MAX_VALUE - 8)),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            findings.add(Finding.of(Severity.INFO, "license.file-unreadable", path,
                    "Could not read " + path + ": " + e.getMessage()));
            return Optional.empty();
        }
    }
}
