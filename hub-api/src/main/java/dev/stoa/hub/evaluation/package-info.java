/**
 * Evaluations (being built, issue 18): benchmark tasks written in lm-evaluation-harness's task YAML, read with the
 * subset Stoa supports and every other key refused by name ({@link dev.stoa.hub.evaluation.TaskYaml}), and the
 * metrics with their standard errors ({@link dev.stoa.hub.evaluation.Metrics}). Runs, results and reports follow.
 * <p>Uses: {@code error}.
 */
package dev.stoa.hub.evaluation;
