/**
 * The git smart HTTP adapter: clone, fetch and push over HTTP, with the push rules (protected refs, LFS
 * objects that must exist, file sizes) applied before a ref moves.
 * <p>Uses the features below it ({@code access}, {@code repo}, {@code git}, {@code blob}, {@code identity}); no
 * feature uses it.
 */
package dev.stoa.hub.githttp;
