package dev.stoa.spi;

/** Creates a {@link LicenseChecker} from the plugin's configuration; see {@link EvaluatorFactory} for the rules. */
public interface LicenseCheckerFactory {

    String name();

    LicenseChecker create(PluginConfig config);
}
