/**
 * Moderation: reports, quarantines of files and repositories (by moderators, and automatically on a
 * check's critical finding, from the event stream), hiding; provides {@code access} its download blocks
 * ({@link dev.stoa.hub.access.DownloadBlocks}) and asks {@code repo} to disable or hide a repository.
 * <p>Uses: {@code access}, {@code repo}, {@code check}, {@code policy}, {@code files}, {@code identity},
 * {@code event}, {@code db}, {@code error}.
 */
package dev.stoa.hub.moderation;
