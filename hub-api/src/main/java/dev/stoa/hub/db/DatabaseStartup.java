package dev.stoa.hub.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Checks the database before anything uses it, then brings the schema up to date.
 * A wrong URL or password stops the start with a message that names the setting to fix.
 */
@ApplicationScoped
public class DatabaseStartup {

    /** Runs before every other start-up observer: nothing works without the schema. */
    public static final int PRIORITY = 10;
    static final int STOP_PRIORITY = 100_000;
    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class);

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final String url;

    public DatabaseStartup(AgroalDataSource dataSource, Flyway flyway,
                           @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.url = url;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        try (Connection connection = dataSource.getConnection()) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            LOG.debugf("Connected to PostgreSQL %s", version);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot use the PostgreSQL database at " + url
                    + ": " + rootMessage(e) + ". Check STOA_DB_URL, STOA_DB_USERNAME and STOA_DB_PASSWORD"
                    + " (or unset STOA_DB_URL to run the embedded database).", e);
        }
        int applied = flyway.migrate().migrationsExecuted;
        if (applied > 0) {
            LOG.infof("Database schema migrated (%d migration%s applied)", applied, applied == 1 ? "" : "s");
        }
    }

    /** Last: everything that stops before may still write. */
    void onStop(@Observes @Priority(STOP_PRIORITY) ShutdownEvent event) {
        EmbeddedPostgresServer.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
