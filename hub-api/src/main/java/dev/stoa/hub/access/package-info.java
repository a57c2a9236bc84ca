/**
 * Who may read, download and write a repository, and which blobs a caller may reference: {@link dev.stoa.hub.access.RepoAccess}
 * (every route family asks it), token limits and the repositories a restricted token names, the referencing rule of
 * LFS objects. Gating and moderation contribute their rules through {@link dev.stoa.hub.access.DownloadGate} and
 * {@link dev.stoa.hub.access.DownloadBlocks}, interfaces owned here, so this package imports neither.
 * <p>Uses: {@code repo}, {@code identity}, {@code blob}, {@code error}.
 */
package dev.stoa.hub.access;
