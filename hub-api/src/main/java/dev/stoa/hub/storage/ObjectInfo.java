package dev.stoa.hub.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a store knows about one object.
 *
 * @param key          the object's key
 * @param size         length in bytes
 * @param etag         an opaque validator, without quotes, that changes whenever the content is replaced;
 *                     not a content digest (S3's multipart ETags are not, and the local store's is not)
 * @param lastModified when the current content was written, at the store's precision (S3: seconds)
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {

    public ObjectInfo {
        requireNonNull(key, "key is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }
}
