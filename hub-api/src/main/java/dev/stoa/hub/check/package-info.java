/**
 * Checks of every revision by plugins: the queue of check runs (filled from {@code revision.published}
 * events), the workers that run them with leases, their verdicts and findings, written with a
 * {@code check-run.finished} event in one transaction, and the check-run API.
 * <p>Uses: {@code plugin}, {@code repo}, {@code files}, {@code card}, {@code git}, {@code blob}, {@code access},
 * {@code event}, {@code db}, {@code config}, {@code error}.
 */
package dev.stoa.hub.check;
