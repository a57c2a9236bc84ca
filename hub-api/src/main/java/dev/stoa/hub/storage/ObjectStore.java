package dev.stoa.hub.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where Stoa keeps bytes (LFS objects, git packs, uploads): a flat map from keys to immutable blobs,
 * backed by S3 or by a local folder. Chosen by {@code stoa.storage.type}; see {@link ObjectStoreProducer}.
 *
 * <h2>Keys</h2>
 * A key is a {@code /}-separated path of at most {@value #MAX_KEY_BYTES} UTF-8 bytes, for example
 * {@code lfs/ab/cd/abcd…}. No segment is empty, {@code .} or {@code ..}, longer than 255 UTF-8 bytes,
 * and no key holds a backslash or a control character; an invalid key is an
 * {@link IllegalArgumentException}. The same keys are valid on every store, so data can move between
 * them. The local store cannot hold a key that is also the folder of another key ({@code a} and
 * {@code a/b}): Stoa's key layouts never need that.
 *
 * <h2>Consistency</h2>
 * Every write ({@link #put}, {@link #copy}, {@link #completeMultipartUpload}) is atomic: a reader sees the
 * previous object or the complete new one, never a part, and a failed write leaves the previous object as
 * it was. A stream returned by {@link #get} keeps reading the version it opened.
 *
 * <h2>Failures</h2>
 * Arguments are never {@code null} ({@link NullPointerException}). A missing object or upload is an
 * {@link ObjectNotFoundException}; any other failure of the store, or of a stream handed to it, is an
 * {@link ObjectStoreException}; both are unchecked. No message holds a credential.
 *
 * <h2>Lifecycle and threading</h2>
 * One instance per application, created by the producer, checked by {@link #checkReady()} at start-up
 * and closed at shutdown. All methods are thread-safe and blocking: call them from worker threads, never
 * from an event loop.
 */
public interface ObjectStore extends AutoCloseable {

    /** The longest key, in UTF-8 bytes (S3's limit). */
    int MAX_KEY_BYTES = 1024;

    /** Every part of a multipart upload but the last must hold at least this many bytes (S3's rule, kept by every store). */
    long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** Part numbers run from 1 to this (S3's limit). */
    int MAX_PART_NUMBER = 10_000;

    /** The longest validity of a presigned URL (S3 signature version 4 allows no more). */
    Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    /**
     * Stores {@code content} under {@code key}, replacing any object there, reading the stream to its end
     * without knowing its length in advance. Memory use is bounded (S3: one part buffer of 16 MiB) whatever
     * the size. Atomic: until this method returns, readers see the previous object (or none). When the
     * stream fails, the previous object stays and nothing partial is ever visible.
     *
     * @param content read to its end; not closed (the caller owns it)
     * @return the stored object's info, read back from the store right after the write
     * @throws ObjectStoreException when the stream or the store fails; nothing is stored then
     */
    ObjectInfo put(String key, InputStream content);

    /**
     * Opens the whole object for reading.
     *
     * @return a stream the caller must close; it reads the version current when it was opened
     * @throws ObjectNotFoundException when there is no object under {@code key}
     */
    InputStream get(String key);

    /**
     * Opens a byte range of the object for reading.
     *
     * @param offset first byte, from 0; must be less than the object's size, except that
     *               {@code get(key, 0, -1)} reads any object whole, even an empty one
     * @param length number of bytes, more than 0, or -1 for everything from {@code offset} to the end;
     *               a length past the end is cut at the end
     * @return a stream of the range that the caller must close
     * @throws ObjectNotFoundException  when there is no object under {@code key}
     * @throws IllegalArgumentException when the range is invalid or starts at or after the end
     */
    InputStream get(String key, long offset, long length);

    /** The object's size, ETag and time of last change, or empty when there is no object under {@code key}. */
    Optional<ObjectInfo> stat(String key);

    /** Removes the object; does nothing when there is none (idempotent). */
    void delete(String key);

    /**
     * The objects whose keys start with {@code prefix} ({@code ""} for all), a plain string prefix as on S3:
     * {@code "models/a"} matches {@code models/a/x} and {@code models/ab}. The stream is lazy (S3 pages of
     * 1,000 keys; local: a folder walk), so it suits listings of any size, and must be closed (use
     * try-with-resources). Order is unspecified. An object written or deleted while the stream is read may
     * or may not appear.
     *
     * @throws IllegalArgumentException when the prefix could not start a valid key
     */
    Stream<ObjectInfo> list(String prefix);

    /**
     * Copies an object within the store (server-side on S3), replacing any object at {@code target}.
     * Atomic as {@link #put}.
     *
     * @throws ObjectNotFoundException when there is no object under {@code source}
     */
    void copy(String source, String target);

    /**
     * A URL that lets anyone holding it {@code GET} the object for {@code expiry}, where the store can sign
     * (S3: signed for the public endpoint when one is configured); empty on the local store, where Stoa
     * streams the bytes itself. Signing does not check that the object exists.
     *
     * @param expiry more than 0 and at most {@link #MAX_PRESIGN_EXPIRY}
     */
    Optional<URI> presignGet(String key, Duration expiry);

    /**
     * A URL that lets anyone holding it {@code PUT} one object of up to 5 GiB under {@code key} for
     * {@code expiry}, or empty where the store cannot sign (local). Send the body as
     * {@code Content-Type: application/octet-stream}: some S3 servers break the signature on form types.
     */
    Optional<URI> presignPut(String key, Duration expiry);

    /**
     * Starts a multipart upload: parts are uploaded (by Stoa or by clients through presigned URLs), then
     * completed into one object atomically, or aborted. Uploads that are neither completed nor aborted keep
     * their parts (S3: until a lifecycle rule removes them).
     *
     * @return the upload's id, an opaque string to pass to the other multipart methods with the same key
     */
    String createMultipartUpload(String key);

    /**
     * A URL that lets a client {@code PUT} part {@code partNumber} of the upload directly to the store;
     * the part's ETag comes back in the response's {@code ETag} header. Empty where the store cannot sign.
     */
    Optional<URI> presignUploadPart(String key, String uploadId, int partNumber, Duration expiry);

    /**
     * Uploads one part, streaming exactly {@code size} bytes of {@code data}; uploading the same part number
     * again replaces it. See {@link #MIN_PART_SIZE}.
     *
     * @param data read for {@code size} bytes; not closed
     * @return the part's ETag, needed by {@link #completeMultipartUpload}
     * @throws ObjectNotFoundException when the upload does not exist (any more)
     * @throws ObjectStoreException    when {@code data} ends early or holds more, or the store fails
     */
    String uploadPart(String key, String uploadId, int partNumber, InputStream data, long size);

    /**
     * The parts uploaded so far, by ascending part number.
     *
     * @throws ObjectNotFoundException when the upload does not exist; an S3 server may answer with an
     *                                 empty list instead (S3Proxy does)
     */
    List<UploadedPart> listParts(String key, String uploadId);

    /**
     * Assembles the listed parts, in ascending part-number order, into the object at {@code key},
     * atomically (as {@link #put}), and ends the upload. Parts not listed are discarded.
     *
     * @param parts part numbers with the ETags their uploads returned; sizes are not needed
     * @return the new object's info
     * @throws IllegalArgumentException when the list is empty or out of order, names a part that was not
     *                                  uploaded or whose ETag differs, or a part other than the last is
     *                                  smaller than {@link #MIN_PART_SIZE}
     * @throws ObjectNotFoundException  when the upload does not exist
     */
    ObjectInfo completeMultipartUpload(String key, String uploadId, List<UploadedPart> parts);

    /** Ends the upload and removes its parts; does nothing when the upload does not exist (idempotent). */
    void abortMultipartUpload(String key, String uploadId);

    /**
     * Checks that the store can be used, creating what it needs (the local folders, the S3 bucket) when
     * missing. Called once at start-up, where a failure stops Stoa.
     *
     * @throws ObjectStoreException with a message that names the setting to fix
     */
    void checkReady();

    /**
     * Checks, without changing anything, that the store can be used now: the local folders exist and are
     * writable; the S3 bucket exists and accepts the credentials. Called by every readiness probe, which must
     * report a vanished folder or bucket rather than quietly create an empty one.
     *
     * @throws ObjectStoreException with a message that names the setting to fix
     */
    void ping();

    /** Releases connections; the store is unusable afterwards. */
    @Override
    void close();
}
