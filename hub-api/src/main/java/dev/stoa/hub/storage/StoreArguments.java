package dev.stoa.hub.storage;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The argument rules of {@link ObjectStore}, shared so that every store accepts exactly the same calls. */
final class StoreArguments {

    private static final int MAX_SEGMENT_BYTES = 255;

    private StoreArguments() {
    }

    static String key(String key) {
        requireNonNull(key, "key is null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Invalid object key: it is empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > ObjectStore.MAX_KEY_BYTES) {
            throw invalidKey(key, "it is longer than " + ObjectStore.MAX_KEY_BYTES + " bytes");
        }
        if (key.chars().anyMatch(c -> c == '\\' || Character.isISOControl(c))) {
            throw invalidKey(key, "it holds a backslash or a control character");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalidKey(key, "it starts or ends with '/' or holds '//'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalidKey(key, "it holds a '.' or '..' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw invalidKey(key, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
        return key;
    }

    /** A prefix is valid when some valid key starts with it: it may end in '/' or in part of a segment. */
    static String prefix(String prefix) {
        requireNonNull(prefix, "prefix is null");
        if (!prefix.isEmpty()) {
            key(prefix + "x");
        }
        return prefix;
    }

    static void range(long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("Range offset is negative: " + offset);
        }
        if (length <= 0 && length != -1) {
            throw new IllegalArgumentException("Range length must be more than 0, or -1 for the rest: " + length);
        }
    }

    static void partNumber(int partNumber) {
        if (partNumber < 1 || partNumber > ObjectStore.MAX_PART_NUMBER) {
            throw new IllegalArgumentException("Part number " + partNumber + " is not between 1 and "
                    + ObjectStore.MAX_PART_NUMBER);
        }
    }

    static void partSize(long size) {
        if (size < 0 || size > 5L * 1024 * 1024 * 1024) {
            throw new IllegalArgumentException("Part size " + size + " is not between 0 and 5 GiB");
        }
    }

    static void parts(List<UploadedPart> parts) {
        requireNonNull(parts, "parts is null");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("A multipart upload needs at least one part to complete");
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw new IllegalArgumentException("Parts must be listed by ascending part number, without repeats");
            }
        }
    }

    static void uploadId(String uploadId) {
        requireNonNull(uploadId, "uploadId is null");
    }

    static void expiry(Duration expiry) {
        requireNonNull(expiry, "expiry is null");
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(ObjectStore.MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException("A presigned URL's expiry must be more than 0 and at most 7 days: "
                    + expiry);
        }
    }

    private static IllegalArgumentException invalidKey(String key, String why) {
        // Keys come from requests: keep the message one short line.
        String shown = (key.length() > 80 ? key.substring(0, 80) + "…" : key).replaceAll("\\p{Cntrl}", "?");
        return new IllegalArgumentException("Invalid object key '" + shown + "': " + why);
    }
}
