/**
 * Reading a revision's files: trees, entries, last commits, ranges, and downloads of git and LFS files as
 * streams.
 * <p>Uses: {@code repo}, {@code git}, {@code blob}, {@code storage}, {@code error}.
 */
package dev.stoa.hub.files;
