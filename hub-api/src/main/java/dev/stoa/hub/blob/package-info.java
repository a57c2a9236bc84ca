/**
 * Content-addressed large files (LFS objects): uploads (single and multipart), verification of their sha256 and
 * size, who uploaded what, which repositories hold which blob, and the collector that removes blobs no repository
 * holds. Owns the {@code blob}, {@code blob_uploader}, {@code repo_blob} and upload session tables.
 * <p>Uses: {@code storage}, {@code identity}, {@code db}, {@code config}, {@code error}.
 */
package dev.stoa.hub.blob;
