package dev.stoa.hub.git.storage;

import io.quarkus.narayana.jta.QuarkusTransaction;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

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

    /**
     * Told of every ref that moved, inside the transaction that moved it (so that what it writes commits with the
     * move). Symbolic refs ({@code HEAD}) are not reported.
     */
    @FunctionalInterface
    public interface RefMoves {
        /** {@code ref} of repository {@code repoId} went from {@code oldTarget} to {@code newTarget} (each empty for none). */
        void moved(long repoId, String ref, Optional<String> oldTarget, Optional<String> newTarget);
    }

    private final DataSource dataSource;
    private final RefMoves refMoves;

    public GitDatabase(DataSource dataSource, RefMoves refMoves) {
        this.dataSource = dataSource;
        this.refMoves = refMoves;
    }

    /** Reports a ref's move; called by the ref database within the {@link #call} that moved it. */
    void refMoved(long repoId, String ref, Optional<String> oldTarget, Optional<String> newTarget) {
        refMoves.moved(repoId, ref, oldTarget, newTarget);
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
