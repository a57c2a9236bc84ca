package dev.stoa.hub.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The policy_version table (append-only): a scope is the platform ({@code orgId} empty) or one organisation. */
@ApplicationScoped
class PolicyStore {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final DataSource db;

    PolicyStore(DataSource db) {
        this.db = db;
    }

    /** The version in force in a scope: its latest; empty when none was ever saved. */
    Optional<PolicyVersion> latest(Optional<Long> orgId, Optional<String> orgName) {
        return query(orgId, orgName, 1, Integer.MAX_VALUE).stream().findFirst();
    }

    /** Versions of a scope, newest first, those below {@code before}. */
    List<PolicyVersion> history(Optional<Long> orgId, Optional<String> orgName, int limit, int before) {
        return query(orgId, orgName, limit, before);
    }

    /** Appends the next version of a scope; a 409 when someone else saved one at the same moment. */
    PolicyVersion append(Optional<Long> orgId, Optional<String> orgName, Policy policy, long authorId, String authorName,
                         Optional<String> note) {
        Instant now = Instant.now();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO policy_version (org_id, version, document, author_id, author_name, note, created_at)
                     SELECT ?, COALESCE(MAX(version), 0) + 1, ?::jsonb, ?, ?, ?, ? FROM policy_version
                     WHERE COALESCE(org_id, 0) = COALESCE(?, 0) RETURNING version""")) {
            setOrg(s, 1, orgId);
            s.setString(2, JSON.writeValueAsString(policy));
            s.setLong(3, authorId);
            s.setString(4, authorName);
            s.setString(5, note.orElse(null));
            s.setTimestamp(6, Timestamp.from(now));
            setOrg(s, 7, orgId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new PolicyVersion(orgName, r.getInt(1), policy, Optional.of(authorName), note, now);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw ApiException.conflict("PolicyChanged", "Someone saved this policy at the same moment; read it again and retry.");
            }
            throw new IllegalStateException("Could not save the policy", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<PolicyVersion> query(Optional<Long> orgId, Optional<String> orgName, int limit, int before) {
        List<PolicyVersion> versions = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT version, document::text, author_name, note, created_at FROM policy_version
                     WHERE COALESCE(org_id, 0) = COALESCE(?, 0) AND version < ? ORDER BY version DESC LIMIT ?""")) {
            setOrg(s, 1, orgId);
            s.setInt(2, before);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    versions.add(new PolicyVersion(orgName, r.getInt(1), JSON.readValue(r.getString(2), Policy.class),
                            Optional.ofNullable(r.getString(3)), Optional.ofNullable(r.getString(4)),
                            r.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read policies", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored policy is not readable", e);
        }
        return versions;
    }

    private static void setOrg(PreparedStatement s, int index, Optional<Long> orgId) throws SQLException {
        if (orgId.isPresent()) {
            s.setLong(index, orgId.get());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }
}
