/**
 * Object storage: S3 through the MinIO client, or a local folder, behind one {@link
 * dev.stoa.hub.storage.ObjectStore}; streaming, ranges, multipart uploads, presigned links, and sha256 hashing of
 * streams.
 * <p>Uses: {@code config}, {@code db}.
 */
package dev.stoa.hub.storage;
