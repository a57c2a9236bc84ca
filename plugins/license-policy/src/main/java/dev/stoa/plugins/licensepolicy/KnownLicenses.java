package dev.stoa.plugins.licensepolicy;

import dev.stoa.plugins.licensepolicy.LicenseTerms.CommercialUse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model licenses that are not on the SPDX list (the Llama community licenses, Gemma's terms, the RAIL family...),
 * the terms of SPDX licenses as far as derivatives are concerned, and the licenses of a few well-known base models
 * for when the base model is not on this Stoa.
 */
public final class KnownLicenses {

    private static final Map<String, LicenseTerms> MODEL_LICENSES = new LinkedHashMap<>();

    static {
        llama("llama2", "Llama 2 Community License", null, null);
        llama("llama3", "Meta Llama 3 Community License", "Built with Meta Llama 3", "Llama 3");
        llama("llama3.1", "Llama 3.1 Community License", "Built with Llama", "Llama");
        llama("llama3.2", "Llama 3.2 Community License", "Built with Llama", "Llama");
        llama("llama3.3", "Llama 3.3 Community License", "Built with Llama", "Llama");
        llama("llama4", "Llama 4 Community License", "Built with Llama", "Llama");
        add(new LicenseTerms("gemma", "Gemma Terms of Use", false, CommercialUse.ALLOWED, "gemma", true, true,
                false, false, null, null));
        rail("openrail", "Open RAIL", CommercialUse.ALLOWED);
        rail("openrail++", "CreativeML Open RAIL++-M", CommercialUse.ALLOWED);
        rail("creativeml-openrail-m", "CreativeML Open RAIL-M", CommercialUse.ALLOWED);
        rail("bigscience-openrail-m", "BigScience Open RAIL-M", CommercialUse.ALLOWED);
        rail("bigscience-bloom-rail-1.0", "BigScience RAIL License v1.0", CommercialUse.ALLOWED);
        rail("bigcode-openrail-m", "BigCode Open RAIL-M", CommercialUse.ALLOWED);
        rail("deepfloyd-if-license", "DeepFloyd IF License", CommercialUse.NOT_ALLOWED);
        add(new LicenseTerms("fair-noncommercial-research-license", "FAIR Noncommercial Research License", false,
                CommercialUse.NOT_ALLOWED, null, false, true, false, false, null, null));
        add(new LicenseTerms("apple-amlr", "Apple Machine Learning Research Model License", false,
                CommercialUse.NOT_ALLOWED, null, false, true, false, false, null, null));
    }

    /** Phrases that open the text of a catalogued license, checked in order (more specific first). */
    private static final List<Map.Entry<String, String>> TEXT_MARKERS = List.of(
            Map.entry("llama 2 community license agreement", "llama2"),
            Map.entry("meta llama 3 community license agreement", "llama3"),
            Map.entry("llama 3.1 community license agreement", "llama3.1"),
            Map.entry("llama 3.2 community license agreement", "llama3.2"),
            Map.entry("llama 3.3 community license agreement", "llama3.3"),
            Map.entry("llama 4 community license agreement", "llama4"),
            Map.entry("gemma terms of use", "gemma"),
            Map.entry("creativeml open rail++-m", "openrail++"),
            Map.entry("creativeml open rail-m", "creativeml-openrail-m"),
            Map.entry("bigscience rail license v1.0", "bigscience-bloom-rail-1.0"),
            Map.entry("bigscience open rail-m", "bigscience-openrail-m"),
            Map.entry("bigcode open rail-m", "bigcode-openrail-m"),
            Map.entry("deepfloyd if license", "deepfloyd-if-license"),
            Map.entry("fair noncommercial research license", "fair-noncommercial-research-license"));

    /** Well-known base models by repository id, for bases that are not on this Stoa. */
    private static final List<Map.Entry<Pattern, String>> KNOWN_BASES = List.of(
            base("meta-llama/(meta-)?llama-2-.*", "llama2"),
            base("meta-llama/(meta-)?llama-3-.*", "llama3"),
            base("meta-llama/(meta-)?llama-3\\.1-.*", "llama3.1"),
            base("meta-llama/(meta-)?llama-3\\.2-.*", "llama3.2"),
            base("meta-llama/(meta-)?llama-3\\.3-.*", "llama3.3"),
            base("meta-llama/llama-4-.*", "llama4"),
            base("google/(code|recurrent|pali|shield)?gemma-.*", "gemma"),
            base("bigscience/bloom(z)?(-.*)?", "bigscience-bloom-rail-1.0"),
            base("(compvis|runwayml|stable-diffusion-v1-5)/stable-diffusion-v1-.*", "creativeml-openrail-m"),
            base("stabilityai/stable-diffusion-(2|xl).*", "openrail++"),
            base("bigcode/starcoder.*", "bigcode-openrail-m"),
            base("deepfloyd/if-.*", "deepfloyd-if-license"),
            base("mistralai/mistral-7b-(v0\\.1|instruct-v0\\.[123])", "Apache-2.0"),
            base("(google-bert/)?bert-(base|large)-(un)?cased", "Apache-2.0"),
            base("(openai-community/)?gpt2(-medium|-large|-xl)?", "MIT"));

    private KnownLicenses() {
    }

    private static void llama(String id, String name, String attribution, String namePrefix) {
        add(new LicenseTerms(id, name, false, CommercialUse.CONDITIONAL, "llama", true, true, false, false,
                attribution, namePrefix));
    }

    private static void rail(String id, String name, CommercialUse commercialUse) {
        add(new LicenseTerms(id, name, false, commercialUse, "rail", false, true, false, false, null, null));
    }

    private static void add(LicenseTerms terms) {
        MODEL_LICENSES.put(terms.id(), terms);
    }

    private static Map.Entry<Pattern, String> base(String regex, String licenseId) {
        return Map.entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), licenseId);
    }

    /** Every catalogued model license id (not SPDX), e.g. {@code llama3.1}, {@code gemma}. */
    public static List<String> modelLicenseIds() {
        return List.copyOf(MODEL_LICENSES.keySet());
    }

    /**
     * The terms of a license given by a Hub license id or an SPDX id, case-insensitively: a catalogued model
     * license, or an SPDX license from the bundled list.
     */
    public static Optional<LicenseTerms> byId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        LicenseTerms model = MODEL_LICENSES.get(id.strip().toLowerCase(Locale.ROOT));
        if (model != null) {
            return Optional.of(model);
        }
        return SpdxLicenses.canonicalId(id).map(KnownLicenses::spdxTerms);
    }

    /** The catalogued model license whose opening phrase appears in the first part of a license text. */
    public static Optional<LicenseTerms> byTextMarker(String text) {
        String head = text.substring(0, Math.min(text.length(), 4096)).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
        return TEXT_MARKERS.stream().filter(marker -> head.contains(marker.getKey())).findFirst()
                .map(marker -> MODEL_LICENSES.get(marker.getValue()));
    }

    /** The license of a well-known base model, by its repository id ({@code meta-llama/Llama-3.1-8B}). */
    public static Optional<LicenseTerms> byBaseModel(String repositoryId) {
        return KNOWN_BASES.stream().filter(entry -> entry.getKey().matcher(repositoryId.strip()).matches())
                .findFirst().flatMap(entry -> byId(entry.getValue()));
    }

    /** Terms of an SPDX license, read from its id: Creative Commons' NC, SA and ND elements, copyleft licenses. */
    static LicenseTerms spdxTerms(String spdxId) {
        String upper = spdxId.toUpperCase(Locale.ROOT);
        boolean nonCommercial = upper.contains("-NC") || upper.startsWith("POLYFORM-NONCOMMERCIAL");
        boolean noDerivatives = upper.startsWith("CC-") && upper.contains("-ND");
        String shareAlikeFamily = null;
        if (upper.startsWith("CC-") && upper.contains("-SA")) {
            shareAlikeFamily = nonCommercial ? "CC-BY-NC-SA" : "CC-BY-SA";
        } else if (upper.matches("(A|L)?GPL-.*")) {
            shareAlikeFamily = upper.substring(0, upper.indexOf('-'));
        } else if (upper.startsWith("ODBL") || upper.startsWith("CDLA-SHARING")) {
            shareAlikeFamily = upper.replaceAll("-[0-9.]+$", "");
        }
        return new LicenseTerms(spdxId, spdxId, true,
                nonCommercial ? CommercialUse.NOT_ALLOWED : CommercialUse.ALLOWED,
                shareAlikeFamily != null ? shareAlikeFamily : spdxId, false, false, shareAlikeFamily != null,
                noDerivatives, null, null);
    }
}
