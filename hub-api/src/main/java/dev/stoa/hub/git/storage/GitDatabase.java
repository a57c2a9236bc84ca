package dev.stoa.hub.git.storage;

import io.quarkus.narayana.jta.QuarkusTransaction;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs the git storage's SQL: in the caller's JTA transaction when the calling thread has one (so that a
 * ref update and, say, an outbox row commit together), otherwise in a short transaction of its own that is
 * committed before the call returns. JGit calls this from any thread.
 */
public final class GitDatabase {

    /** One unit of SQL work on a connection that the caller must not close. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    private final DataSource dataSource;

    public GitDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} atomically; SQL failures come back as {@link IOException}, as JGit expects. */
    public <T> T call(SqlWork<T> work) throws IOException {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw new UncheckedIOException(new IOException("Git storage database failure: " + e.getMessage(), e));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** As {@link #call} for callers outside JGit, where a failure is unchecked. */
    public <T> T callUnchecked(SqlWork<T> work) {
        try {
            return call(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection outside any transaction, for session-level advisory locks; the caller closes it. */
    public Connection sessionConnection() throws SQLException {
        return dataSource.getConnection();
    }
}
