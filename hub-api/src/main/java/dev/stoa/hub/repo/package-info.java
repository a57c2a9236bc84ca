/**
 * Repositories: creating, finding, moving, deleting them and their settings (with the matching events), their
 * ids and routes, commits through the API, refs, history and downloads counts. Owns the {@code repository} table:
 * other features ask here to disable or hide one.
 * <p>Uses: {@code git}, {@code blob}, {@code identity}, {@code event}, {@code db}, {@code config}, {@code error}.
 */
package dev.stoa.hub.repo;
