package dev.stoa.plugins.example;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a revision's hygiene: a card, a license, no credentials committed by mistake, a sane number of
 * files. Findings:
 * <ul>
 *   <li>{@code hygiene.card.missing} (MEDIUM): no README.md at the root;</li>
 *   <li>{@code hygiene.card.no-metadata} (LOW): a README.md without YAML front matter;</li>
 *   <li>{@code hygiene.license.missing} (MEDIUM): neither {@code license} in the card nor a LICENSE file;</li>
 *   <li>{@code hygiene.credentials.private-key} (CRITICAL): a file that starts with a private key;</li>
 *   <li>{@code hygiene.credentials.file} (HIGH): a file whose name usually holds credentials
 *       ({@code .env}, {@code id_rsa}, {@code *.pem}...);</li>
 *   <li>{@code hygiene.credentials.public} (INFO): a key or certificate file holding only public material;</li>
 *   <li>{@code hygiene.files.too-many} (MEDIUM): more files than {@code max-file-count}.</li>
 * </ul>
 * Metrics: {@code files.count}, {@code files.bytes}, {@code files.lfs.count}, {@code files.largest.bytes}.
 *
 * <p>Stateless apart from its configuration, so one instance serves many revisions at once.
 */
final class HygieneEvaluator implements Evaluator {

    static final String NAME = "repo-hygiene";

    /** How much of a suspicious file is read: enough for a PEM or OpenSSH header, never the whole file. */
    static final int HEAD_BYTES = 4096;

    private static final Set<String> LICENSE_FILES = Set.of("license", "license.md", "license.txt", "copying", "licence");

    private final int maxFileCount;

    HygieneEvaluator(int maxFileCount) {
        this.maxFileCount = maxFileCount;
    }

    @Override
    public CheckResult evaluate(Revision revision, CheckContext context) throws IOException {
        CheckResult.Builder result = CheckResult.builder();
        checkCard(revision, result);
        checkLicense(revision, result);
        int credentials = 0;
        for (RevisionFile file : revision.files()) {
            if (context.isCancelled()) {
                break;
            }
            if (CredentialFiles.isCredentialName(file.fileName())) {
                credentials += checkCredentialFile(revision, file, result) ? 1 : 0;
            }
        }
        int fileCount = revision.files().size();
        if (fileCount > maxFileCount) {
            result.finding(Severity.MEDIUM, "hygiene.files.too-many", null, "The revision has " + fileCount
                    + " files, more than the " + maxFileCount + " allowed; was a data or build directory committed by mistake?");
        }
        long bytes = revision.files().stream().mapToLong(RevisionFile::size).sum();
        result.metric(Metric.count("files.count", fileCount))
                .metric(Metric.count("files.bytes", bytes))
                .metric(Metric.count("files.lfs.count", revision.files().stream().filter(RevisionFile::lfs).count()))
                .metric(Metric.count("files.largest.bytes", revision.files().stream().mapToLong(RevisionFile::size).max().orElse(0)));
        return result.summary(summary(fileCount, bytes, credentials)).build();
    }

    private static void checkCard(Revision revision, CheckResult.Builder result) {
        if (revision.file("README.md").isEmpty()) {
            result.finding(Severity.MEDIUM, "hygiene.card.missing", null,
                    "The repository has no README.md; add a card that says what this is and how to use it.");
        } else if (revision.cardData().isEmpty()) {
            result.finding(Severity.LOW, "hygiene.card.no-metadata", "README.md",
                    "README.md has no YAML front matter; add metadata such as license, tags and base_model.");
        }
    }

    private static void checkLicense(Revision revision, CheckResult.Builder result) {
        boolean inCard = revision.cardData().get("license") instanceof String license && !license.isBlank();
        boolean asFile = revision.files().stream()
                .anyMatch(f -> !f.path().contains("/") && LICENSE_FILES.contains(f.path().toLowerCase(Locale.ROOT)));
        if (!inCard && !asFile) {
            result.finding(Severity.MEDIUM, "hygiene.license.missing", null,
                    "No license: set 'license' in the card's metadata or add a LICENSE file.");
        }
    }

    /** Reports one file with a credential-like name; returns whether it holds a secret. */
    private static boolean checkCredentialFile(Revision revision, RevisionFile file, CheckResult.Builder result)
            throws IOException {
        String head;
        // A ranged read: a multi-gigabyte file named *.key costs 4 KiB, not a download
        try (InputStream in = revision.openRange(file.path(), 0, HEAD_BYTES)) {
            head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        if (CredentialFiles.looksLikePrivateKey(head)) {
            result.finding(Severity.CRITICAL, "hygiene.credentials.private-key", file.path(),
                    "This file holds a private key. Delete it from the repository's history and revoke the key.");
            return true;
        }
        if (CredentialFiles.looksLikePublicMaterial(head)) {
            result.finding(Severity.INFO, "hygiene.credentials.public", file.path(),
                    "This file holds only certificates or public keys.");
            return false;
        }
        result.finding(Severity.HIGH, "hygiene.credentials.file", file.path(),
                "Files named like this usually hold credentials. If it does, delete it from the history and rotate them.");
        return true;
    }

    private static String humanSize(long bytes) {
        String[] units = {"kB", "MB", "GB", "TB"};
        if (bytes < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String summary(int fileCount, long bytes, int credentials) {
        return fileCount + " files, " + humanSize(bytes) + (credentials == 0 ? "; no credentials found."
                : "; **" + credentials + " file" + (credentials == 1 ? "" : "s") + " with likely credentials**.");
    }
}
