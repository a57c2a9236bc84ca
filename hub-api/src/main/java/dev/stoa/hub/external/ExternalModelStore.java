package dev.stoa.hub.external;

import dev.stoa.hub.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** The external_model table. */
@ApplicationScoped
class ExternalModelStore {

    private static final String SELECT = """
            SELECT e.*, o.name AS org_name FROM external_model e LEFT JOIN account o ON o.id = e.org_id""";

    private final DataSource db;

    ExternalModelStore(DataSource db) {
        this.db = db;
    }

    Optional<ExternalModel> find(String name) {
        return Jdbc.query(db, SELECT + " WHERE lower(e.name) = ?", ExternalModelStore::row, name.toLowerCase(Locale.ROOT))
                .stream().findFirst();
    }

    List<ExternalModel> all() {
        return Jdbc.query(db, SELECT + " ORDER BY lower(e.name)", ExternalModelStore::row);
    }

    /** Inserts or replaces a registration (by name); the sealed key is written as given. */
    void save(ExternalModel m) {
        Jdbc.update(db, """
                INSERT INTO external_model (name, provider, description, runner, base_url, upstream_model, api_key_sealed,
                    timeout_seconds, org_id, created_by_name, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (lower(name)) DO UPDATE SET provider = EXCLUDED.provider, description = EXCLUDED.description,
                    runner = EXCLUDED.runner, base_url = EXCLUDED.base_url, upstream_model = EXCLUDED.upstream_model,
                    api_key_sealed = EXCLUDED.api_key_sealed, timeout_seconds = EXCLUDED.timeout_seconds,
                    org_id = EXCLUDED.org_id, updated_at = EXCLUDED.updated_at""",
                m.name(), m.provider(), m.description(), m.runner(), m.baseUrl(), m.upstreamModel(),
                m.apiKeySealed().orElse(null), m.timeoutSeconds().orElse(null), m.orgId().orElse(null), m.createdBy(),
                m.createdAt(), m.updatedAt());
    }

    boolean delete(String name) {
        return Jdbc.update(db, "DELETE FROM external_model WHERE lower(name) = ?", name.toLowerCase(Locale.ROOT)) > 0;
    }

    private static ExternalModel row(ResultSet r) throws SQLException {
        long org = r.getLong("org_id");
        Optional<Long> orgId = r.wasNull() ? Optional.empty() : Optional.of(org);
        int seconds = r.getInt("timeout_seconds");
        Optional<Integer> timeout = r.wasNull() ? Optional.empty() : Optional.of(seconds);
        return new ExternalModel(r.getLong("id"), r.getString("name"), r.getString("provider"),
                r.getString("description"), r.getString("runner"), r.getString("base_url"), r.getString("upstream_model"),
                Optional.ofNullable(r.getString("api_key_sealed")), timeout, orgId,
                Optional.ofNullable(r.getString("org_name")),
                r.getString("created_by_name"), r.getTimestamp("created_at").toInstant(),
                r.getTimestamp("updated_at").toInstant());
    }
}
