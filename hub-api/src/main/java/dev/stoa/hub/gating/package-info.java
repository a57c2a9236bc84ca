/**
 * Gated repositories: access requests, their forms and terms, grants, the history of who was let in, and the
 * export of that record; provides {@code access} its gate ({@link dev.stoa.hub.access.DownloadGate}).
 * <p>Uses: {@code access}, {@code repo}, {@code card}, {@code git}, {@code identity}, {@code event}, {@code db},
 * {@code ops}, {@code error}.
 */
package dev.stoa.hub.gating;
