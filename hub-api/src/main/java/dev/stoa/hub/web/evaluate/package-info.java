/**
 * The portal's evaluation pages: a model's "Evaluation" tab (its runs with scores, records and samples, and the form
 * that starts one) and a task's leaderboard (the chart and the table, with filters) — all through
 * {@link dev.stoa.hub.evaluation.EvaluationRuns} and {@link dev.stoa.hub.evaluation.Leaderboards} and their rules.
 */
package dev.stoa.hub.web.evaluate;
