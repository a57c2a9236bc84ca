package dev.stoa.hub.storage;

import static java.util.Objects.requireNonNull;

/**
 * One uploaded part of a multipart upload.
 *
 * @param partNumber from 1 to {@link ObjectStore#MAX_PART_NUMBER}
 * @param etag       the ETag the part's upload returned, without quotes (quotes given are removed)
 * @param size       length in bytes as listed by the store, or {@link #UNKNOWN_SIZE} where the caller does
 *                   not know it: completing an upload needs only the number and the ETag
 */
public record UploadedPart(int partNumber, String etag, long size) {

    public static final long UNKNOWN_SIZE = -1;

    public UploadedPart {
        requireNonNull(etag, "etag is null");
        etag = unquote(etag);
        StoreArguments.partNumber(partNumber);
        if (size < UNKNOWN_SIZE) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    /** A part as a client reports it after uploading: number and ETag. */
    public UploadedPart(int partNumber, String etag) {
        this(partNumber, etag, UNKNOWN_SIZE);
    }

    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
