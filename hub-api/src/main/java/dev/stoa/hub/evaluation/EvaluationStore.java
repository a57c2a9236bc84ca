package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code evaluation_run} table: the queue, the progress, the results. */
@ApplicationScoped
class EvaluationStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT r.*, o.name AS owner_name, da.name || '/' || d.name AS dataset_id
            FROM evaluation_run r JOIN account o ON o.id = r.owner_id
            JOIN repository d ON d.id = r.dataset_repo_id JOIN account da ON da.id = d.owner_id
            """;

    private final DataSource db;

    EvaluationStore(DataSource db) {
        this.db = db;
    }

    void insert(EvaluationRow r) {
        Jdbc.update(db, """
                INSERT INTO evaluation_run (id, owner_id, model, model_repo_id, model_commit, dataset_repo_id,
                    dataset_commit, task_name, task_file, task_sha256, num_fewshot, doc_limit, seed, status, record,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', CAST(? AS jsonb), ?)""",
                r.id(), r.ownerId(), r.model(), r.modelRepoId(), r.modelCommit(), r.datasetRepoId(), r.datasetCommit(),
                r.taskName(), r.taskFile(), r.taskSha256(), r.numFewshot(), r.limit(), r.seed(), r.record().toString(),
                r.createdAt());
    }

    Optional<EvaluationRow> find(UUID id) {
        return Jdbc.first(db, SELECT + " WHERE r.id = ?", EvaluationStore::row, id);
    }

    /**
     * The newest runs matching the filters (each optional), at most {@code limit}; the caller keeps those the asker
     * may see.
     */
    List<EvaluationRow> list(Optional<Long> modelRepoId, Optional<Long> datasetRepoId, Optional<String> taskName,
            Optional<String> status, Optional<Long> ownerId, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        modelRepoId.ifPresent(id -> { sql.append(" AND r.model_repo_id = ?"); args.add(id); });
        datasetRepoId.ifPresent(id -> { sql.append(" AND r.dataset_repo_id = ?"); args.add(id); });
        taskName.ifPresent(t -> { sql.append(" AND r.task_name = ?"); args.add(t); });
        status.ifPresent(s -> { sql.append(" AND r.status = ?"); args.add(s); });
        ownerId.ifPresent(o -> { sql.append(" AND r.owner_id = ?"); args.add(o); });
        sql.append(" ORDER BY r.created_at DESC LIMIT ?");
        args.add(limit);
        return Jdbc.query(db, sql.toString(), EvaluationStore::row, args.toArray());
    }

    /** The runs of a model pinned to {@code commit}, newest first. */
    List<EvaluationRow> atCommit(long modelRepoId, String commit) {
        return Jdbc.query(db, SELECT + " WHERE r.model_repo_id = ? AND r.model_commit = ? ORDER BY r.created_at DESC",
                EvaluationStore::row, modelRepoId, commit);
    }

    /** Takes the oldest queued run for {@code worker}: it becomes {@code running}. */
    Optional<EvaluationRow> claim(String worker, Instant now) {
        Optional<UUID> id = Jdbc.first(db, """
                UPDATE evaluation_run SET status = 'running', worker = ?, started_at = ?, heartbeat_at = ?, done = 0
                WHERE id = (SELECT id FROM evaluation_run WHERE status = 'queued' ORDER BY created_at
                            FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id""", rs -> rs.getObject(1, UUID.class), worker, now, now);
        return id.flatMap(this::find);
    }

    /** Records progress; answers whether someone asked to cancel the run. */
    boolean heartbeat(UUID id, long done, long total, Instant now) {
        return Jdbc.first(db, """
                UPDATE evaluation_run SET done = ?, total = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'
                RETURNING cancel_requested""", rs -> rs.getBoolean(1), done, total, now, id).orElse(true);
    }

    void finish(UUID id, String status, Optional<JsonNode> metrics, JsonNode record, Optional<String> error,
            Optional<String> samplesKey, Instant now) {
        Jdbc.update(db, """
                UPDATE evaluation_run SET status = ?, metrics = CAST(? AS jsonb), record = CAST(? AS jsonb), error = ?,
                    samples_key = ?, finished_at = ?, heartbeat_at = ?
                WHERE id = ? AND status = 'running'""",
                status, metrics.map(JsonNode::toString), record.toString(), error, samplesKey, now, now, id);
    }

    /** A queued run is cancelled at once; a running one is asked to stop. False when the run had already ended. */
    boolean cancel(UUID id, Instant now) {
        int queued = Jdbc.update(db, """
                UPDATE evaluation_run SET status = 'cancelled', finished_at = ?, error = 'cancelled before it started'
                WHERE id = ? AND status = 'queued'""", now, id);
        return queued > 0 || Jdbc.update(db,
                "UPDATE evaluation_run SET cancel_requested = true WHERE id = ? AND status = 'running'", id) > 0;
    }

    /** A run this replica gives back as it stops: another replica (or the next start) runs it from the beginning. */
    void requeue(UUID id) {
        Jdbc.update(db, "UPDATE evaluation_run SET status = 'queued', worker = NULL, done = 0 WHERE id = ? AND status = 'running'",
                id);
    }

    /** Runs whose replica stopped reporting go back to the queue (they start over: a run is repeatable). */
    int requeueStale(Instant before) {
        return Jdbc.update(db, """
                UPDATE evaluation_run SET status = 'queued', worker = NULL, done = 0
                WHERE status = 'running' AND heartbeat_at < ?""", before);
    }

    private static EvaluationRow row(ResultSet rs) throws SQLException {
        long modelRepo = rs.getLong("model_repo_id");
        Optional<Long> modelRepoId = rs.wasNull() ? Optional.empty() : Optional.of(modelRepo);
        long total = rs.getLong("total");
        Optional<Long> totalDocs = rs.wasNull() ? Optional.empty() : Optional.of(total);
        return new EvaluationRow(rs.getObject("id", UUID.class), rs.getLong("owner_id"), rs.getString("owner_name"),
                rs.getString("model"), modelRepoId, Optional.ofNullable(rs.getString("model_commit")),
                rs.getLong("dataset_repo_id"), rs.getString("dataset_id"), rs.getString("dataset_commit"),
                rs.getString("task_name"), rs.getString("task_file"), rs.getString("task_sha256"),
                rs.getInt("num_fewshot"), rs.getLong("doc_limit"), rs.getLong("seed"), rs.getString("status"),
                rs.getBoolean("cancel_requested"), rs.getLong("done"), totalDocs,
                Optional.ofNullable(rs.getString("metrics")).map(EvaluationStore::json), json(rs.getString("record")),
                Optional.ofNullable(rs.getString("error")), Optional.ofNullable(rs.getString("samples_key")),
                instant(rs.getTimestamp("created_at")).orElseThrow(), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
