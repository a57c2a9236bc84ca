package dev.stoa.hub.moderation;

import dev.stoa.hub.db.Jdbc;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The organisation owning a repository, for the audit trail's {@code orgId}. */
@ApplicationScoped
class Owners {

    private final DataSource db;

    Owners(DataSource db) {
        this.db = db;
    }

    Optional<Long> orgOf(RepoView repo) {
        try (Connection c = db.getConnection();
             PreparedStatement s = Jdbc.prepare(c, "SELECT kind FROM account WHERE id = ?", repo.ownerId());
             ResultSet r = s.executeQuery()) {
            return r.next() && "org".equals(r.getString(1)) ? Optional.of(repo.ownerId()) : Optional.empty();
        } catch (SQLException e) {
            throw QuarantineRows.failed(e);
        }
    }
}
