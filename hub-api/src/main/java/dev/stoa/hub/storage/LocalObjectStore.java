package dev.stoa.hub.storage;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded store: objects are files under {@code <root>/data/<key>}. Every write goes to a temporary
 * file under {@code <root>/tmp} (the same file system), is flushed to disk, then renamed into place
 * atomically. Multipart uploads are staged under {@code <root>/uploads} (see {@link LocalMultipartUploads}).
 * Meant for one Stoa process; it cannot sign URLs, so Stoa streams downloads itself.
 */
public final class LocalObjectStore implements ObjectStore {

    private final Path data;
    private final Path tmp;
    private final LocalMultipartUploads uploads;

    /** Uses (and creates) the folder {@code root}, normally {@code <stoa.data-dir>/objects}. */
    public LocalObjectStore(Path root) {
        Path folder = root.toAbsolutePath().normalize();
        this.data = folder.resolve("data");
        this.tmp = folder.resolve("tmp");
        this.uploads = new LocalMultipartUploads(folder.resolve("uploads"));
        try {
            Files.createDirectories(data);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new ObjectStoreException("Cannot create the object store folder " + folder + " (" + e
                    + "). Set STOA_DATA_DIR to a writable folder.", e);
        }
    }

    @Override
    public ObjectInfo put(String key, InputStream content) {
        Path target = pathOf(key);
        Path temp = null;
        try {
            temp = newTempFile();
            try (FileChannel channel = FileChannel.open(temp, WRITE)) {
                content.transferTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            return commit(key, temp, target);
        } catch (IOException e) {
            throw new ObjectStoreException("Could not store '" + key + "': " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public InputStream get(String key) {
        return get(key, 0, -1);
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        StoreArguments.range(offset, length);
        Path path = pathOf(key);
        if (stat(key).isEmpty()) {
            throw ObjectNotFoundException.object(key);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, READ);
        } catch (NoSuchFileException e) {
            throw ObjectNotFoundException.object(key);
        } catch (IOException e) {
            throw new ObjectStoreException("Could not read '" + key + "': " + e, e);
        }
        try {
            long size = channel.size();
            if (offset >= size && !(offset == 0 && length == -1)) {
                channel.close();
                throw new IllegalArgumentException("Range starts at " + offset + ", past the end of '" + key
                        + "' (" + size + " bytes)");
            }
            InputStream stream = Channels.newInputStream(channel.position(offset));
            return length == -1 ? stream : new BoundedInputStream(stream, length);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ObjectStoreException("Could not read '" + key + "': " + e, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path path = pathOf(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(info(key, attributes)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ObjectStoreException("Could not read the attributes of '" + key + "': " + e, e);
        }
    }

    @Override
    public void delete(String key) {
        Path path = pathOf(key);
        try {
            if (Files.isRegularFile(path) && Files.deleteIfExists(path)) {
                pruneEmptyFolders(path.getParent());
            }
        } catch (IOException e) {
            throw new ObjectStoreException("Could not delete '" + key + "': " + e, e);
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        StoreArguments.prefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? data : data.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return Stream.empty();
        }
        try {
            return Files.walk(start)
                    .filter(path -> !path.equals(start)) // The folder a walk starts at is no key, and may be data/.
                    .map(this::keyOf)
                    .filter(key -> key.startsWith(prefix))
                    .flatMap(key -> stat(key).stream());
        } catch (IOException e) {
            throw new ObjectStoreException("Could not list '" + prefix + "': " + e, e);
        }
    }

    @Override
    public void copy(String source, String target) {
        StoreArguments.key(target);
        try (InputStream in = get(source)) {
            put(target, in);
        } catch (IOException e) {
            throw new ObjectStoreException("Could not copy '" + source + "' to '" + target + "': " + e, e);
        }
    }

    @Override
    public Optional<URI> presignGet(String key, Duration expiry) {
        return noUrl(key, expiry);
    }

    @Override
    public Optional<URI> presignPut(String key, Duration expiry) {
        return noUrl(key, expiry);
    }

    @Override
    public String createMultipartUpload(String key) {
        return uploads.create(StoreArguments.key(key));
    }

    @Override
    public Optional<URI> presignUploadPart(String key, String uploadId, int partNumber, Duration expiry) {
        StoreArguments.uploadId(uploadId);
        StoreArguments.partNumber(partNumber);
        return noUrl(key, expiry);
    }

    @Override
    public String uploadPart(String key, String uploadId, int partNumber, InputStream data, long size) {
        return uploads.uploadPart(StoreArguments.key(key), uploadId, partNumber, data, size);
    }

    @Override
    public List<UploadedPart> listParts(String key, String uploadId) {
        return uploads.listParts(StoreArguments.key(key), uploadId);
    }

    @Override
    public ObjectInfo completeMultipartUpload(String key, String uploadId, List<UploadedPart> parts) {
        Path target = pathOf(key);
        StoreArguments.parts(parts);
        Path temp = null;
        try {
            temp = newTempFile();
            uploads.assemble(key, uploadId, parts, temp);
            ObjectInfo info = commit(key, temp, target);
            uploads.remove(key, uploadId);
            return info;
        } catch (IOException e) {
            throw new ObjectStoreException("Could not complete the upload of '" + key + "': " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void abortMultipartUpload(String key, String uploadId) {
        uploads.remove(StoreArguments.key(key), uploadId);
    }

    @Override
    public void checkReady() {
        try {
            Files.createDirectories(data);
            Files.delete(newTempFile());
            uploads.checkReady();
        } catch (IOException e) {
            throw new ObjectStoreException("The object store folder " + data.getParent() + " is not writable ("
                    + e + "). Set STOA_DATA_DIR to a writable folder.", e);
        }
    }

    @Override
    public void ping() {
        for (Path folder : List.of(data, tmp)) {
            if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw new ObjectStoreException("The object store folder " + folder + " is missing or not writable."
                        + " Check STOA_DATA_DIR.");
            }
        }
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    @Override
    public String toString() {
        return "local folder " + data.getParent();
    }

    /** Checks the arguments as a signing store would, so that callers meet the same errors on every store. */
    private static Optional<URI> noUrl(String key, Duration expiry) {
        StoreArguments.key(key);
        StoreArguments.expiry(expiry);
        return Optional.empty();
    }

    private Path pathOf(String key) {
        return data.resolve(StoreArguments.key(key));
    }

    private String keyOf(Path path) {
        return data.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private Path newTempFile() throws IOException {
        return Files.createTempFile(Files.createDirectories(tmp), "object-", ".tmp");
    }

    private ObjectInfo commit(String key, Path temp, Path target) throws IOException {
        // A delete may prune the folder between creating it and the move: create it again and retry.
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(target.getParent());
                Files.move(temp, target, ATOMIC_MOVE);
                return info(key, Files.readAttributes(target, BasicFileAttributes.class));
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            } catch (FileSystemException e) {
                if (Files.isDirectory(target) || !Files.isDirectory(target.getParent())) {
                    throw new ObjectStoreException("Cannot store '" + key + "': the local store cannot hold a key"
                            + " that is also the folder of another key (a and a/b)", e);
                }
                throw e;
            }
        }
    }

    /** An ETag that changes whenever the file is replaced: a new file has a new inode, time or size. */
    static String etag(BasicFileAttributes attributes) {
        return Integer.toHexString(Objects.hashCode(attributes.fileKey())) + "-"
                + Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)) + "-"
                + Long.toHexString(attributes.size());
    }

    private static ObjectInfo info(String key, BasicFileAttributes attributes) {
        return new ObjectInfo(key, attributes.size(), etag(attributes), attributes.lastModifiedTime().toInstant());
    }

    private void pruneEmptyFolders(Path folder) {
        for (Path current = folder; current != null && !current.equals(data); current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                return; // Not empty, or gone. Pruning only tidies up: an empty folder left behind does no harm.
            }
        }
    }

    /** Removes a temporary file if there is one, ignoring failures. */
    static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Nothing ever reads a stray temporary file.
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a read-only channel does not fail in a way that matters.
            }
        }
    }
}
