/**
 * The git-lfs adapter: the LFS batch API, transfers (uploads, downloads, multipart, verify) and signed transfer
 * links.
 * <p>Uses the features ({@code access}, {@code blob}, {@code repo}, {@code files}, {@code identity}); no feature uses
 * it.
 */
package dev.stoa.hub.lfs;
