/**
 * Evaluations (issue 18, being built): benchmark tasks written in lm-evaluation-harness's task YAML and kept in
 * dataset repositories ({@link dev.stoa.hub.evaluation.TaskYaml}, every unsupported key refused by name), run on
 * models through inference sessions the host opens on its engines ({@link dev.stoa.hub.evaluation.EvaluationSessions}),
 * with the metrics and their standard errors ({@link dev.stoa.hub.evaluation.Metrics}); runs are queued in the
 * database and worked through off the request threads ({@link dev.stoa.hub.evaluation.EvaluationWorker}), each pinned
 * to the commits it reads and recorded with per-document records in the object store.
 * <p>Uses: {@code access}, {@code check}, {@code config}, {@code db}, {@code deployment}, {@code error},
 * {@code card}, {@code external}, {@code files}, {@code identity}, {@code inference}, {@code ops}, {@code plugin},
 * {@code repo}, {@code secret}, {@code storage}.
 */
package dev.stoa.hub.evaluation;
