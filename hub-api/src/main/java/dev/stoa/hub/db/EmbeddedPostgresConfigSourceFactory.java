package dev.stoa.hub.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Supplies the database settings when none are configured: an embedded PostgreSQL under the data
 * folder. The server is started lazily, the first time its URL is read, so a build or a run against
 * an external database never starts it.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL = "stoa.db.url";
    static final String USERNAME = "stoa.db.username";
    static final String PASSWORD = "stoa.db.password";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL);
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("stoa.data-dir");
        Path folder = Path.of(dataDir != null && dataDir.getValue() != null ? dataDir.getValue() : "./stoa-data");
        return List.of(new EmbeddedSource(folder));
    }

    @Override
    public java.util.OptionalInt getPriority() {
        return java.util.OptionalInt.of(50);
    }

    /** Lowest-priority source: anything the user configures wins. */
    private static final class EmbeddedSource implements ConfigSource {
        private final Path dataDir;

        EmbeddedSource(Path dataDir) {
            this.dataDir = dataDir;
        }

        @Override
        public Set<String> getPropertyNames() {
            // Unlisted on purpose: the build records the values of listed properties, and that must
            // neither start a server nor bake its URL into the application.
            return Set.of();
        }

        @Override
        public String getValue(String name) {
            return switch (name) {
                case URL -> EmbeddedPostgresServer.start(dataDir).jdbcUrl();
                case USERNAME -> EmbeddedPostgresServer.USER;
                case PASSWORD -> EmbeddedPostgresServer.PASSWORD;
                default -> null;
            };
        }

        @Override
        public int getOrdinal() {
            return 50;
        }

        @Override
        public String getName() {
            return "stoa-embedded-postgres";
        }
    }
}
