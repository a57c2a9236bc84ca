package dev.stoa.plugins.licensepolicy;

import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.library.ListedLicenses;
import org.spdx.library.SpdxModelFactory;
import org.spdx.utility.compare.LicenseCompareHelper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SPDX license list bundled in the SPDX library, loaded lazily once per class loader.
 *
 * <p>Nothing is downloaded: {@link #LOCAL_ONLY_PROPERTY} is set before the library first reads its configuration
 * (it also ships as {@code resources/spdx-java-library.properties} in this jar), so the library reads the license
 * list stored in its jar instead of fetching the current one from the SPDX website. Loading takes about half a
 * second and a few MB of heap, hence the lazy holder; comparing one text with the candidates 0.2 to 0.5 s.
 * Setting the property is a JVM-wide side effect, wanted: no SPDX library in Stoa's JVM should download.
 * Thread-safe.
 */
public final class SpdxLicenses {

    /** The SPDX library's switch to use only the license list inside its jar. */
    public static final String LOCAL_ONLY_PROPERTY = "org.spdx.useJARLicenseInfoOnly";

    /**
     * The licenses a LICENSE file is compared with, most specific first. Comparing a text with all ~700 listed
     * licenses takes seconds; these are the licenses model and dataset repositories use.
     */
    static final List<String> TEXT_CANDIDATES = List.of(
            "Apache-2.0", "MIT", "BSD-3-Clause-Clear", "BSD-3-Clause", "BSD-2-Clause", "ISC", "0BSD", "Unlicense",
            "CC0-1.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-SA-4.0",
            "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-3.0", "CC-BY-NC-3.0", "AGPL-3.0-only", "LGPL-3.0-only",
            "GPL-3.0-only", "GPL-2.0-only", "LGPL-2.1-only", "MPL-2.0", "EPL-2.0", "BSL-1.0", "Artistic-2.0",
            "Zlib", "WTFPL", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0");

    /** Hub license ids that the SPDX list keeps only as deprecated ids, mapped to their current ids. */
    private static final Map<String, String> DEPRECATED = Map.of(
            "gpl-2.0", "GPL-2.0-only", "gpl-3.0", "GPL-3.0-only", "lgpl-2.1", "LGPL-2.1-only",
            "lgpl-3.0", "LGPL-3.0-only", "agpl-3.0", "AGPL-3.0-only", "gfdl", "GFDL-1.3-only",
            "c-uda", "C-UDA-1.0", "odc-by", "ODC-By-1.0", "pddl", "PDDL-1.0", "lgpl-lr", "LGPLLR");

    private SpdxLicenses() {
    }

    private static final class Holder {
        static final ListedLicenses LIST = load();
        static final List<String> CANDIDATES = TEXT_CANDIDATES.stream().filter(LIST::isSpdxListedLicenseId).toList();

        private static ListedLicenses load() {
            // The system property wins over the bundled properties file in the SPDX library's Configuration.
            System.setProperty(LOCAL_ONLY_PROPERTY, "true");
            SpdxModelFactory.init();
            return ListedLicenses.getListedLicenses();
        }
    }

    /** The SPDX id for {@code id} in its canonical case ({@code apache-2.0} gives {@code Apache-2.0}). */
    public static Optional<String> canonicalId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String key = id.strip().toLowerCase(Locale.ROOT);
        if (DEPRECATED.containsKey(key)) {
            return Optional.of(DEPRECATED.get(key));
        }
        return Holder.LIST.listedLicenseIdCaseSensitive(id.strip());
    }

    /**
     * The SPDX license whose standard text the given text contains (copyright lines and other text around it
     * are tolerated), among {@link #TEXT_CANDIDATES}.
     */
    public static Optional<String> matchText(String text) {
        try {
            List<String> ids = LicenseCompareHelper.matchingStandardLicenseIdsWithinText(text, Holder.CANDIDATES);
            return Holder.CANDIDATES.stream().filter(ids::contains).findFirst();
        } catch (InvalidSPDXAnalysisException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The version of the bundled SPDX license list, e.g. {@code 3.26.0}. */
    public static String licenseListVersion() {
        return Holder.LIST.getLicenseListVersion();
    }
}
