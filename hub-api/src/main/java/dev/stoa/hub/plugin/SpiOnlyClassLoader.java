package dev.stoa.hub.plugin;

/**
 * The parent of every external plugin jar's class loader: it sees the JDK (the platform class loader) and the
 * plugin SPI ({@code dev.stoa.spi.*}) and nothing else of Stoa, so a plugin that bundles its own version of a
 * library Stoa also uses gets its own.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    private static final String SPI_PACKAGE = "dev.stoa.spi.";

    private final ClassLoader spi;

    SpiOnlyClassLoader(ClassLoader spi) {
        super("stoa-plugin-spi", ClassLoader.getPlatformClassLoader());
        this.spi = spi;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return spi.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
