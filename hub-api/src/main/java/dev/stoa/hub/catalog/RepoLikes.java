package dev.stoa.hub.catalog;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Likes: who likes which repository, and the {@code likes} counter of the Hub's API. The counter moves in the
 * transaction that inserts or deletes the like, and only when a row really changed, so it stays exact under
 * concurrent likes and repeated clicks. Who may like is decided by the callers through {@link RepoAccess}.
 */
@ApplicationScoped
public class RepoLikes {

    private final DataSource db;
    private final RepoAccess access;

    public RepoLikes(DataSource db, RepoAccess access) {
        this.db = db;
        this.access = access;
    }

    /** A liked repository, newest like first. */
    public record Liked(RepoId repo, Instant likedAt) {
    }

    /** Someone who likes a repository. */
    public record Liker(String name, String fullname, String type) {
    }

    /**
     * {@code caller} likes the repository: it must be able to read it (a private repository it cannot see is
     * "not found") and change things (not with a read-only token). Returns the repository's new like count.
     */
    public long like(RepoId id, Caller caller) {
        return like(openForLiking(id, caller).id(), caller.accountId());
    }

    /** {@code caller} takes back its like, by the same rules as {@link #like(RepoId, Caller)}. */
    public long unlike(RepoId id, Caller caller) {
        return unlike(openForLiking(id, caller).id(), caller.accountId());
    }

    private RepoView openForLiking(RepoId id, Caller caller) {
        RepoView repo = access.requireReadable(id, Optional.of(caller));
        caller.requireWrite();
        return repo;
    }

    /** Records that {@code accountId} likes the repository; liking again changes nothing. Returns the new count. */
    @Transactional
    public long like(long repoId, long accountId) {
        return change(repoId, accountId,
                "INSERT INTO repo_like (repo_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING", "+ 1");
    }

    /** Takes the like back; unliking what one does not like changes nothing. Returns the new count. */
    @Transactional
    public long unlike(long repoId, long accountId) {
        return change(repoId, accountId, "DELETE FROM repo_like WHERE repo_id = ? AND account_id = ?", "- 1");
    }

    private long change(long repoId, long accountId, String sql, String delta) {
        try (Connection connection = db.getConnection()) {
            int changed;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, repoId);
                statement.setLong(2, accountId);
                changed = statement.executeUpdate();
            }
            String update = changed == 1
                    ? "UPDATE repository SET likes = likes " + delta + " WHERE id = ? RETURNING likes"
                    : "SELECT likes FROM repository WHERE id = ?";
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setLong(1, repoId);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Changing a like of repository " + repoId + " failed", e);
        }
    }

    /** Whether {@code accountId} likes the repository. */
    public boolean likes(long repoId, long accountId) {
        return !likedAmong(List.of(repoId), accountId).isEmpty();
    }

    /** Which of {@code repoIds} the account likes (one query for a whole listing). */
    public Set<Long> likedAmong(Collection<Long> repoIds, long accountId) {
        if (repoIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT repo_id FROM repo_like WHERE account_id = ? AND repo_id = ANY (?)")) {
            query.setLong(1, accountId);
            query.setArray(2, connection.createArrayOf("bigint", repoIds.toArray()));
            Set<Long> liked = new HashSet<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    liked.add(row.getLong(1));
                }
            }
            return liked;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading likes failed", e);
        }
    }

    /** Who likes the repository, most recent first, at most {@code limit}. */
    public List<Liker> likers(long repoId, int limit) {
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT a.name, a.fullname, a.kind FROM repo_like l JOIN account a ON a.id = l.account_id"
                        + " WHERE l.repo_id = ? ORDER BY l.created_at DESC, a.id DESC LIMIT ?")) {
            query.setLong(1, repoId);
            query.setInt(2, limit);
            List<Liker> likers = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    likers.add(new Liker(row.getString(1), row.getString(2), row.getString(3)));
                }
            }
            return likers;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the likers of repository " + repoId + " failed", e);
        }
    }

    /**
     * The repositories {@code accountId} likes that {@code viewer} may read (private ones stay hidden from
     * others, by {@link RepoAccess#readableCondition}), most recent like first, at most {@code limit}.
     */
    public List<Liked> likedBy(long accountId, Optional<Caller> viewer, int limit) {
        List<Object> args = new ArrayList<>();
        args.add(accountId);
        String readable = access.readableCondition(viewer, args);
        args.add(limit);
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT r.type, a.name, r.name, l.created_at FROM repo_like l JOIN repository r ON r.id = l.repo_id"
                        + " JOIN account a ON a.id = r.owner_id WHERE l.account_id = ? AND " + readable
                        + " ORDER BY l.created_at DESC, r.id DESC LIMIT ?")) {
            for (int i = 0; i < args.size(); i++) {
                query.setObject(i + 1, args.get(i));
            }
            List<Liked> liked = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    liked.add(new Liked(new RepoId(RepoType.valueOf(row.getString(1)), row.getString(2), row.getString(3)),
                            row.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return liked;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the likes of account " + accountId + " failed", e);
        }
    }
}
