package dev.stoa.hub.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.db.Jdbc;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Severity;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check_run table: the queue and the results. Statements run on their own (autocommit): a claim is one
 * UPDATE of a row picked with {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never claim the same run;
 * every update of a running run names its lease owner, so a worker that lost its lease (cancelled, re-run,
 * taken over) changes nothing.
 */
@ApplicationScoped
class CheckRuns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, repo_id, commit_id, check_name, plugin_id, status, verdict, findings::text,"
            + " metrics::text, summary, attempts, created_at, started_at, finished_at, last_error";

    private final DataSource db;

    CheckRuns(DataSource db) {
        this.db = db;
    }

    /** A run a worker claimed. */
    record Claimed(long id, long repoId, String commit, String check, int attempts) {
    }

    /** Adds queued runs for the checks not yet run on the commit; returns the new runs' ids. */
    List<Long> enqueue(long repoId, String commit, Map<String, String> pluginByCheck) {
        List<Long> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO check_run (repo_id, commit_id, check_name, plugin_id, status, next_attempt_at, created_at)
                     VALUES (?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (repo_id, commit_id, check_name) DO NOTHING RETURNING id""")) {
            for (Map.Entry<String, String> check : pluginByCheck.entrySet()) {
                s.setLong(1, repoId);
                s.setString(2, commit);
                s.setString(3, check.getKey());
                s.setString(4, check.getValue());
                s.setTimestamp(5, now);
                s.setTimestamp(6, now);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not enqueue the checks of " + commit, e);
        }
        return ids;
    }

    /** Claims the oldest due queued run, or a running one whose lease ran out (its worker is gone). */
    Optional<Claimed> claim(String owner, Duration lease) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     UPDATE check_run SET status = 'running', lease_owner = ?, lease_expires_at = now() + ?::interval,
                         attempts = attempts + 1, started_at = now()
                     WHERE id = (SELECT id FROM check_run
                                 WHERE (status = 'queued' AND next_attempt_at <= now())
                                    OR (status = 'running' AND lease_expires_at < now())
                                 ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                     RETURNING id, repo_id, commit_id, check_name, attempts""")) {
            s.setString(1, owner);
            s.setString(2, lease.toMillis() + " milliseconds");
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Claimed(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getInt(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim a check run", e);
        }
    }

    /**
     * Gives back the runs {@code owner} holds, as if never claimed: queued again at once, the attempt not counted (a
     * replica that stopped, or restarted after a crash, cut them short through no fault of the check). Returns how many.
     */
    int release(String owner) {
        return releaseWhere("lease_owner = ?", owner);
    }

    /** Gives back one run this worker holds, as {@link #release(String)} does. */
    boolean release(long id, String owner) {
        return releaseWhere("id = ? AND lease_owner = ?", id, owner) == 1;
    }

    private int releaseWhere(String condition, Object... args) {
        return update("""
                UPDATE check_run SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                    attempts = GREATEST(attempts - 1, 0), next_attempt_at = now()
                WHERE status = 'running' AND\s""" + condition, args);
    }

    /** Extends the lease; false when the run is no longer this worker's (cancelled, re-run, taken over). */
    boolean renew(long id, String owner, Duration lease) {
        return update("UPDATE check_run SET lease_expires_at = now() + ?::interval WHERE id = ? AND lease_owner = ? AND status = 'running'",
                lease.toMillis() + " milliseconds", id, owner) == 1;
    }

    /** Stores the result; false when the run is no longer this worker's. */
    boolean succeed(long id, String owner, CheckResult result) {
        return update("""
                        UPDATE check_run SET status = 'succeeded', verdict = ?, findings = ?::jsonb, metrics = ?::jsonb, summary = ?,
                            finished_at = now(), lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
                        WHERE id = ? AND lease_owner = ? AND status = 'running'""",
                result.verdict().name(), findingsJson(result.findings()), metricsJson(result.metrics()), result.summary(), id, owner) == 1;
    }

    /**
     * Records a failed attempt: queued again after {@code backoff} doubled per earlier attempt, or failed with
     * verdict ERROR once {@code maxAttempts} are used up. Empty when the run is no longer this worker's.
     */
    Optional<CheckStatus> fail(long id, String owner, String error, int attempts, int maxAttempts, Duration backoff) {
        if (attempts >= maxAttempts) {
            return update("""
                    UPDATE check_run SET status = 'failed', verdict = 'ERROR', last_error = ?, finished_at = now(),
                        lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = ? AND lease_owner = ? AND status = 'running'""", error, id, owner) == 1
                    ? Optional.of(CheckStatus.failed) : Optional.empty();
        }
        long wait = backoff.toMillis() << Math.min(attempts - 1, 20);
        return update("""
                UPDATE check_run SET status = 'queued', last_error = ?, next_attempt_at = now() + ?::interval,
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ? AND lease_owner = ? AND status = 'running'""", error, wait + " milliseconds", id, owner) == 1
                ? Optional.of(CheckStatus.queued) : Optional.empty();
    }

    /** Removes a run whose check does not apply to the revision. */
    boolean drop(long id, String owner) {
        return update("DELETE FROM check_run WHERE id = ? AND lease_owner = ? AND status = 'running'", id, owner) == 1;
    }

    List<CheckRunView> list(long repoId, String commit) {
        return query("SELECT " + COLUMNS + " FROM check_run WHERE repo_id = ? AND commit_id = ? ORDER BY check_name", repoId, commit);
    }

    Optional<CheckRunView> find(long repoId, long id) {
        return query("SELECT " + COLUMNS + " FROM check_run WHERE repo_id = ? AND id = ?", repoId, id).stream().findFirst();
    }

    Optional<CheckRunView> find(long id) {
        return query("SELECT " + COLUMNS + " FROM check_run WHERE id = ?", id).stream().findFirst();
    }

    /** Queues the commit's runs (all, or one check's) again from scratch; returns the runs queued. */
    List<CheckRunView> requeue(long repoId, String commit, Optional<String> check) {
        return query("""
                UPDATE check_run SET status = 'queued', verdict = NULL, findings = NULL, metrics = NULL, summary = NULL,
                    attempts = 0, next_attempt_at = now(), lease_owner = NULL, lease_expires_at = NULL, started_at = NULL,
                    finished_at = NULL, last_error = NULL
                WHERE repo_id = ? AND commit_id = ? AND (CAST(? AS TEXT) IS NULL OR check_name = ?) AND status <> 'queued'
                RETURNING\s""" + COLUMNS, repoId, commit, check.orElse(null), check.orElse(null));
    }

    /** Cancels a queued or running run; empty when it is already over. */
    Optional<CheckRunView> cancel(long repoId, long id) {
        return query("""
                UPDATE check_run SET status = 'cancelled', finished_at = now(), lease_owner = NULL, lease_expires_at = NULL
                WHERE repo_id = ? AND id = ? AND status IN ('queued', 'running') RETURNING\s""" + COLUMNS, repoId, id)
                .stream().findFirst();
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Check run update failed", e);
        }
    }

    private List<CheckRunView> query(String sql, Object... args) {
        List<CheckRunView> runs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                runs.add(new CheckRunView(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        CheckStatus.valueOf(r.getString(6)), r.getString(7), findings(r.getString(8)), metrics(r.getString(9)),
                        r.getString(10), r.getInt(11), instant(r.getTimestamp(12)), instant(r.getTimestamp(13)),
                        instant(r.getTimestamp(14)), r.getString(15)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Check run query failed", e);
        }
        return runs;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String findingsJson(List<Finding> findings) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("severity", f.severity().name());
            row.put("code", f.code());
            row.put("path", f.path());
            row.put("message", f.message());
            rows.add(row);
        }
        return write(rows);
    }

    static String metricsJson(List<Metric> metrics) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metric m : metrics) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", m.name());
            switch (m) {
                case Metric.Count count -> {
                    row.put("type", "count");
                    row.put("value", count.value());
                }
                case Metric.Number number -> {
                    row.put("type", "number");
                    row.put("value", Double.isFinite(number.value()) ? number.value() : null);
                    row.put("unit", number.unit());
                }
                case Metric.Text text -> {
                    row.put("type", "text");
                    row.put("value", text.value());
                }
                case Metric.Flag flag -> {
                    row.put("type", "flag");
                    row.put("value", flag.value());
                }
            }
            rows.add(row);
        }
        return write(rows);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> rows(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Finding> findings(String json) {
        return rows(json).stream().map(r -> new Finding(Severity.valueOf((String) r.get("severity")), (String) r.get("code"),
                (String) r.get("path"), (String) r.get("message"))).toList();
    }

    private static List<Metric> metrics(String json) {
        return rows(json).stream().map(r -> {
            String name = (String) r.get("name");
            Object value = r.get("value");
            return switch ((String) r.get("type")) {
                case "count" -> Metric.count(name, ((Number) value).longValue());
                case "number" -> Metric.number(name, value == null ? Double.NaN : ((Number) value).doubleValue(), (String) r.get("unit"));
                case "flag" -> Metric.flag(name, Boolean.TRUE.equals(value));
                default -> Metric.text(name, String.valueOf(value));
            };
        }).toList();
    }
}
