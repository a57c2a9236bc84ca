package dev.stoa.spi;

/**
 * The version of the plugin contract this jar defines.
 *
 * <p>A plugin declares the SPI version it was built against; the host refuses a plugin whose required
 * major version differs from {@link #MAJOR} or whose required minor version is newer than {@link #MINOR},
 * before creating anything from it. Minor versions only add default methods, so older plugins keep working.
 */
public final class SpiVersion {

    /** Incremented when a change can break an existing plugin. */
    public static final int MAJOR = 1;

    /** Incremented when the contract grows in a compatible way. */
    public static final int MINOR = 2;

    private SpiVersion() {
    }

    /**
     * Whether a plugin built against {@code major.minor} can run on this SPI.
     *
     * @param major the plugin's required major version
     * @param minor the plugin's required minor version
     * @return true when the majors match and the required minor is not newer than this SPI's
     */
    public static boolean supports(int major, int minor) {
        return major == MAJOR && minor <= MINOR;
    }

    /**
     * The SPI version a plugin needs.
     *
     * @param major the major version the plugin was built against
     * @param minor the lowest minor version whose methods the plugin uses
     */
    public record Required(int major, int minor) {

        /** The version of the SPI the plugin is compiled against. */
        public static Required current() {
            return new Required(MAJOR, MINOR);
        }

        /** Whether this SPI can run the plugin. */
        public boolean isSupported() {
            return supports(major, minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** This SPI's version as {@code major.minor}. */
    public static String current() {
        return MAJOR + "." + MINOR;
    }
}
