package dev.stoa.hub.curation;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The curation_request table. */
@ApplicationScoped
class CurationRows {

    private static final String SELECT = "SELECT c.id, c.repo_id, c.commit_id, c.revision, c.wanted_tag, c.note, c.status,"
            + " s.name, c.submitted_at, c.tag, d.name, c.decided_at, c.comment FROM curation_request c"
            + " LEFT JOIN account s ON s.id = c.submitted_by LEFT JOIN account d ON d.id = c.decided_by";

    private final DataSource db;

    CurationRows(DataSource db) {
        this.db = db;
    }

    long insert(long repoId, String commit, String revision, Optional<String> wantedTag, String note, long submittedBy) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO curation_request (repo_id, commit_id, revision, wanted_tag, note, status, submitted_by, submitted_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, now()) ON CONFLICT DO NOTHING RETURNING id""")) {
            s.setLong(1, repoId);
            s.setString(2, commit);
            s.setString(3, revision);
            s.setString(4, wantedTag.orElse(null));
            s.setString(5, note);
            s.setLong(6, submittedBy);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the curation request", e);
        }
    }

    /** Decides a pending request; false when it was not pending any more. */
    boolean decide(long id, CurationRequest.Status status, Optional<String> tag, long decidedBy, String comment) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE curation_request SET status = ?, tag = ?, decided_by = ?, decided_at = now(), comment = ?
                WHERE id = ? AND status = 'pending'""")) {
            s.setString(1, status.name());
            s.setString(2, tag.orElse(null));
            s.setLong(3, decidedBy);
            s.setString(4, comment);
            s.setLong(5, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not decide curation request " + id, e);
        }
    }

    Optional<CurationRequest> find(long repoId, long id) {
        return query(SELECT + " WHERE c.repo_id = ? AND c.id = ?", repoId, id).stream().findFirst();
    }

    List<CurationRequest> ofRepo(long repoId, int limit) {
        return query(SELECT + " WHERE c.repo_id = ? ORDER BY c.id DESC LIMIT ?", repoId, limit);
    }

    Optional<CurationRequest> latestApproved(long repoId) {
        return query(SELECT + " WHERE c.repo_id = ? AND c.status = 'approved' ORDER BY c.decided_at DESC, c.id DESC LIMIT 1",
                repoId).stream().findFirst();
    }

    Optional<CurationRequest> approvedTag(long repoId, String tag) {
        return query(SELECT + " WHERE c.repo_id = ? AND c.tag = ?", repoId, tag).stream().findFirst();
    }

    int approvedCount(long repoId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM curation_request WHERE repo_id = ? AND status = 'approved'")) {
            s.setLong(1, repoId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count approvals", e);
        }
    }

    /** The ids among {@code repoIds} with an approved request. */
    java.util.Set<Long> curatedAmong(List<Long> repoIds) {
        if (repoIds.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<Long> curated = new java.util.HashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT repo_id FROM curation_request WHERE status = 'approved' AND repo_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", repoIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    curated.add(r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read curated repositories", e);
        }
        return curated;
    }

    /** Pending requests, oldest first, after {@code afterId}; of every repository, or of those owned by {@code owners}. */
    List<CurationRequest> pending(Optional<List<Long>> owners, long afterId, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT + " JOIN repository r ON r.id = c.repo_id WHERE c.status = 'pending' AND c.id > ?");
        args.add(afterId);
        if (owners.isPresent()) {
            if (owners.get().isEmpty()) {
                return List.of();
            }
            sql.append(" AND r.owner_id IN (").append(String.join(", ", java.util.Collections.nCopies(owners.get().size(), "?"))).append(")");
            args.addAll(owners.get());
        }
        sql.append(" ORDER BY c.id LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args.toArray());
    }

    private List<CurationRequest> query(String sql, Object... args) {
        List<CurationRequest> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp decided = r.getTimestamp(12);
                    rows.add(new CurationRequest(r.getLong(1), r.getLong(2), r.getString(3).strip(), r.getString(4),
                            Optional.ofNullable(r.getString(5)), r.getString(6), CurationRequest.Status.valueOf(r.getString(7)),
                            Optional.ofNullable(r.getString(8)), r.getTimestamp(9).toInstant(), Optional.ofNullable(r.getString(10)),
                            Optional.ofNullable(r.getString(11)), Optional.ofNullable(decided).map(Timestamp::toInstant),
                            Optional.ofNullable(r.getString(13))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read curation requests", e);
        }
        return rows;
    }
}
