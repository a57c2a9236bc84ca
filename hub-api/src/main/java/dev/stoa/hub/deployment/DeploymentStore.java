package dev.stoa.hub.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.db.Jdbc;
import dev.stoa.hub.error.ApiException;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.Resources;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The deployment tables: deployments with their adapters, their status history, and the quotas administrators set. */
@ApplicationScoped
class DeploymentStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> ADAPTERS = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT d.*, o.name AS owner_name, mo.name || '/' || m.name AS model_id,
                   (SELECT COALESCE(json_agg(json_build_object('repo', a.repo_id, 'id', ao.name || '/' || ar.name,
                                                               'commit', a.commit_id) ORDER BY a.position), '[]')
                      FROM deployment_adapter a JOIN repository ar ON ar.id = a.repo_id
                      JOIN account ao ON ao.id = ar.owner_id WHERE a.deployment_id = d.id) AS adapter_list
            FROM deployment d JOIN account o ON o.id = d.owner_id
            JOIN repository m ON m.id = d.repo_id JOIN account mo ON mo.id = m.owner_id
            """;

    private final DataSource db;

    DeploymentStore(DataSource db) {
        this.db = db;
    }

    /** What a new deployment is made of; its first state is {@code pending}. */
    record NewDeployment(long ownerId, String name, long repoId, String commit, List<DeploymentRow.Pinned> adapters,
            String runner, String task, Resources resources, Map<String, String> engineOptions, int scaleToZeroMinutes,
            long createdBy, String createdByName) {
    }

    /** Inserts a deployment, in the caller's transaction; a 409 when the owner already has one of that name. */
    long insert(NewDeployment d, Instant now) {
        long id = Jdbc.query(db, """
                    INSERT INTO deployment (owner_id, name, repo_id, commit_id, runner, task, cpu_millis, memory_bytes,
                        gpu_count, gpu_type, node_selector, engine_options, scale_to_zero_minutes, created_by,
                        created_by_name, created_at, state, message, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, 'pending', ?, ?)
                    ON CONFLICT DO NOTHING RETURNING id""", r -> r.getLong(1),
                    d.ownerId(), d.name(), d.repoId(), d.commit(), d.runner(), d.task(), d.resources().cpuMillis(),
                    d.resources().memoryBytes(), d.resources().gpuCount(), d.resources().gpuType(),
                    json(d.resources().nodeSelector()), json(d.engineOptions()), d.scaleToZeroMinutes(), d.createdBy(),
                    d.createdByName(), now, createdMessage(d.createdByName()), now).stream().findFirst()
                    .orElseThrow(() -> ApiException.conflict("DeploymentExists", "There is already a deployment named '"
                            + d.name() + "' here; choose another name or delete that one first."));
        int position = 0;
        for (DeploymentRow.Pinned adapter : d.adapters()) {
            Jdbc.update(db, "INSERT INTO deployment_adapter (deployment_id, repo_id, commit_id, position) VALUES (?, ?, ?, ?)",
                    id, adapter.repoId(), adapter.commit(), position++);
        }
        Jdbc.update(db, "INSERT INTO deployment_status (deployment_id, state, message, at) VALUES (?, 'pending', ?, ?)",
                id, createdMessage(d.createdByName()), now);
        return id;
    }

    /** The first state's message. */
    static String createdMessage(String by) {
        return "created by " + by;
    }

    Optional<DeploymentRow> find(long id) {
        return Jdbc.query(db, SELECT + " WHERE d.id = ?", this::row, id).stream().findFirst();
    }

    Optional<DeploymentRow> find(String owner, String name) {
        return Jdbc.query(db, SELECT + " WHERE lower(o.name) = ? AND lower(d.name) = ?", this::row,
                owner.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    /**
     * Deployments newest first: those of {@code ownerId} when given, of the repository {@code repoId} (as model or
     * adapter) when given, and when {@code memberId} is given only those of that user or of organisations they belong to.
     */
    List<DeploymentRow> list(Optional<Long> memberId, Optional<Long> ownerId, Optional<Long> repoId) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE TRUE");
        memberId.ifPresent(m -> {
            sql.append(" AND (d.owner_id = ? OR d.owner_id IN (SELECT org_id FROM org_member WHERE user_id = ?))");
            args.add(m);
            args.add(m);
        });
        ownerId.ifPresent(o -> {
            sql.append(" AND d.owner_id = ?");
            args.add(o);
        });
        repoId.ifPresent(r -> {
            sql.append(" AND (d.repo_id = ? OR EXISTS (SELECT 1 FROM deployment_adapter a WHERE a.deployment_id = d.id"
                    + " AND a.repo_id = ?))");
            args.add(r);
            args.add(r);
        });
        sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT 500");
        return Jdbc.query(db, sql.toString(), this::row, args.toArray());
    }

    /** Deployments of a base model, and when {@code adapterRepoId} is given, those serving that adapter on it. */
    List<DeploymentRow> serving(long baseRepoId, Optional<Long> adapterRepoId) {
        return adapterRepoId.isEmpty()
                ? Jdbc.query(db, SELECT + " WHERE d.repo_id = ? ORDER BY d.id", this::row, baseRepoId)
                : Jdbc.query(db, SELECT + " WHERE d.repo_id = ? AND EXISTS (SELECT 1 FROM deployment_adapter a"
                        + " WHERE a.deployment_id = d.id AND a.repo_id = ?) ORDER BY d.id", this::row, baseRepoId,
                        adapterRepoId.get());
    }

    /** Ids of every deployment that should be running: not stopped by scaling to zero, not failed. */
    List<Long> meantToRun() {
        return Jdbc.query(db, "SELECT id FROM deployment WHERE state IN ('pending', 'loading', 'ready') ORDER BY id",
                r -> r.getLong(1));
    }

    /** The {@linkplain DeploymentRow#runnerName() runner names} of every deployment, by runner. */
    Map<String, java.util.Set<String>> runnerNames() {
        Map<String, java.util.Set<String>> out = new java.util.HashMap<>();
        Jdbc.query(db, "SELECT runner, name, id FROM deployment", r -> out.computeIfAbsent(r.getString(1),
                k -> new java.util.HashSet<>()).add(r.getString(2) + "-" + r.getLong(3)));
        return out;
    }

    /** Which of {@code ids} still exist. */
    List<Long> existing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Jdbc.query(db, "SELECT id FROM deployment WHERE id IN (" + String.join(", ",
                Collections.nCopies(ids.size(), "?")) + ")", r -> r.getLong(1), ids.toArray());
    }

    List<DeploymentRow.Status> history(long id) {
        return Jdbc.query(db, "SELECT state, message, at FROM deployment_status WHERE deployment_id = ? ORDER BY id",
                r -> new DeploymentRow.Status(state(r.getString(1)), r.getString(2), r.getTimestamp(3).toInstant()), id);
    }

    /**
     * Records a state, in the caller's transaction, unless it is the state and message the deployment is in already;
     * returns the state before, or empty when nothing changed or the deployment is gone.
     */
    Optional<DeploymentRow.Status> recordState(long id, DeploymentStatus.State state, String message, Instant at) {
        Optional<DeploymentRow.Status> before = Jdbc.query(db,
                "SELECT state, message, updated_at FROM deployment WHERE id = ? FOR UPDATE",
                r -> new DeploymentRow.Status(state(r.getString(1)), r.getString(2), r.getTimestamp(3).toInstant()), id)
                .stream().findFirst();
        if (before.isEmpty() || before.get().state() == state && before.get().message().equals(message)) {
            return Optional.empty();
        }
        String name = state.name().toLowerCase(Locale.ROOT);
        Jdbc.update(db, "UPDATE deployment SET state = ?, message = ?, updated_at = ? WHERE id = ?", name, message, at, id);
        Jdbc.update(db, "INSERT INTO deployment_status (deployment_id, state, message, at) VALUES (?, ?, ?, ?)",
                id, name, message, at);
        return before;
    }

    boolean delete(long id) {
        return Jdbc.update(db, "DELETE FROM deployment WHERE id = ?", id) > 0;
    }

    /** An owner's deployments and the GPUs they ask for, counted under a lock on the owner, in the caller's transaction. */
    Usage usageLocked(long ownerId) {
        Jdbc.query(db, "SELECT id FROM account WHERE id = ? FOR UPDATE", r -> r.getLong(1), ownerId);
        return usage(ownerId);
    }

    Usage usage(long ownerId) {
        return Jdbc.query(db, "SELECT count(*), COALESCE(sum(gpu_count), 0) FROM deployment WHERE owner_id = ?",
                r -> new Usage(r.getInt(1), r.getInt(2)), ownerId).getFirst();
    }

    public record Usage(int deployments, int gpus) {
    }

    /** A quota an administrator set for an account. */
    record Quota(int deployments, int gpus, String setBy, Instant setAt) {
    }

    Optional<Quota> quota(long accountId) {
        return Jdbc.query(db, "SELECT max_deployments, max_gpus, set_by_name, set_at FROM deployment_quota WHERE account_id = ?",
                r -> new Quota(r.getInt(1), r.getInt(2), r.getString(3), r.getTimestamp(4).toInstant()), accountId)
                .stream().findFirst();
    }

    void setQuota(long accountId, Quota quota) {
        Jdbc.update(db, """
                INSERT INTO deployment_quota (account_id, max_deployments, max_gpus, set_by_name, set_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET max_deployments = EXCLUDED.max_deployments,
                    max_gpus = EXCLUDED.max_gpus, set_by_name = EXCLUDED.set_by_name, set_at = EXCLUDED.set_at""",
                accountId, quota.deployments(), quota.gpus(), quota.setBy(), quota.setAt());
    }

    void removeQuota(long accountId) {
        Jdbc.update(db, "DELETE FROM deployment_quota WHERE account_id = ?", accountId);
    }

    private DeploymentRow row(ResultSet r) throws SQLException {
        List<DeploymentRow.Pinned> adapters = new ArrayList<>();
        for (Map<String, Object> a : read(r.getString("adapter_list"), ADAPTERS)) {
            adapters.add(new DeploymentRow.Pinned(((Number) a.get("repo")).longValue(), (String) a.get("id"),
                    (String) a.get("commit")));
        }
        Resources resources = new Resources(r.getLong("cpu_millis"), r.getLong("memory_bytes"), r.getInt("gpu_count"),
                r.getString("gpu_type"), read(r.getString("node_selector"), STRINGS));
        return new DeploymentRow(r.getLong("id"), r.getLong("owner_id"), r.getString("owner_name"), r.getString("name"),
                new DeploymentRow.Pinned(r.getLong("repo_id"), r.getString("model_id"), r.getString("commit_id")),
                adapters, r.getString("runner"), r.getString("task"), resources,
                read(r.getString("engine_options"), STRINGS), r.getInt("scale_to_zero_minutes"),
                r.getString("created_by_name"), r.getTimestamp("created_at").toInstant(), state(r.getString("state")),
                r.getString("message"), r.getTimestamp("updated_at").toInstant());
    }

    private static DeploymentStatus.State state(String name) {
        return DeploymentStatus.State.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable deployment column: " + e.getMessage(), e);
        }
    }
}
