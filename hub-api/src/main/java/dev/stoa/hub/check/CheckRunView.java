package dev.stoa.hub.check;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;

import java.time.Instant;
import java.util.List;

/**
 * One check run as stored.
 *
 * @param check    {@code <plugin id>/<check name>}
 * @param verdict  null until the run finished
 * @param attempts how many times a worker started it
 */
public record CheckRunView(long id, long repoId, String commit, String check, String pluginId, CheckStatus status,
                           String verdict, List<Finding> findings, List<Metric> metrics, String summary, int attempts,
                           Instant createdAt, Instant startedAt, Instant finishedAt, String lastError) {
}
