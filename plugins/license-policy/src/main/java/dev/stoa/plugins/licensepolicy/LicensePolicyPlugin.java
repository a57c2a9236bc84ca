package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.ConfigProperty.Type;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.LicenseCheckerFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.Severity;
import dev.stoa.spi.StoaPlugin;

import java.util.List;
import java.util.Locale;

/**
 * The license-policy plugin: one license checker, {@code license}, configured under
 * {@code stoa.plugins.license-policy.*}.
 */
public final class LicensePolicyPlugin implements StoaPlugin {

    public static final String ID = "license-policy";

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "License policy", "1.0.0",
                "Identifies each revision's license (SPDX or a known model license such as Llama or Gemma), checks "
                        + "that derived models keep their base models' terms, and applies the organisation's policy.",
                ConfigProperty.optional("allowed", Type.LIST, null,
                        "License ids allowed; when set, any other license fails (see 'unlisted'). A trailing * matches a prefix."),
                ConfigProperty.optional("denied", Type.LIST, null, "License ids that fail the check."),
                ConfigProperty.optional("review", Type.LIST, null, "License ids that need review (a warning)."),
                ConfigProperty.optional("unlisted", Type.STRING, "fail",
                        "What a license not on a non-empty allowlist gets: fail or warn."),
                ConfigProperty.optional("require-license", Type.BOOLEAN, "false",
                        "Whether a revision without a license fails (otherwise it warns; it always fails with an allowlist)."),
                ConfigProperty.optional("max-file-bytes", Type.LONG, "262144",
                        "How many bytes of a LICENSE file are read at most."));
    }

    @Override
    public List<LicenseCheckerFactory> licenseCheckers() {
        return List.of(new LicenseCheckerFactory() {
            @Override
            public String name() {
                return "license";
            }

            @Override
            public LicenseChecker create(PluginConfig config) {
                return LicensePolicyPlugin.create(config);
            }
        });
    }

    static LicensePolicyChecker create(PluginConfig config) {
        String unlisted = config.get("unlisted").orElse("fail").strip().toLowerCase(Locale.ROOT);
        Severity unlistedSeverity = switch (unlisted) {
            case "fail" -> Severity.HIGH;
            case "warn" -> Severity.MEDIUM;
            default -> throw new IllegalArgumentException(
                    "stoa.plugins." + ID + ".unlisted must be 'fail' or 'warn', not '" + unlisted + "'");
        };
        long maxFileBytes = config.getLong("max-file-bytes", 262_144);
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("stoa.plugins." + ID + ".max-file-bytes must be at least 1024");
        }
        OrganisationPolicy policy = new OrganisationPolicy(config.getList("allowed"), config.getList("denied"),
                config.getList("review"), unlistedSeverity);
        boolean requireLicense = config.getBoolean("require-license", false) || policy.hasAllowlist();
        return new LicensePolicyChecker(
                new LicenseIdentifier(maxFileBytes, requireLicense ? Severity.HIGH : Severity.MEDIUM), policy);
    }
}
