/**
 * Governance policies of the platform and of organisations (required checks, licences, what happens on a
 * failed check, card fields, how complete the documentation must be, the evaluations a model must have passed), their
 * versions, and their evaluation on a revision.
 * <p>Uses: {@code card}, {@code check}, {@code evaluation}, {@code files}, {@code inference}, {@code repo}, {@code access}, {@code identity}, {@code event},
 * {@code error}.
 */
package dev.stoa.hub.policy;
