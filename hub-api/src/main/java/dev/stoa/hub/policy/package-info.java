/**
 * Governance policies of the platform and of organisations (required checks, licences, what happens on a
 * failed check, card fields), their versions, and their evaluation on a revision.
 * <p>Uses: {@code check}, {@code files}, {@code repo}, {@code access}, {@code identity}, {@code event},
 * {@code error}.
 */
package dev.stoa.hub.policy;
