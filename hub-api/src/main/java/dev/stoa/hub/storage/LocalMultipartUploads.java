package dev.stoa.hub.storage;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local store's multipart uploads: one folder per upload, {@code <root>/<upload id>/}, holding the key
 * in a file {@code key} and each part as {@code <number>.part}, written through a temporary file and
 * renamed into place so that a part is never seen half-written.
 */
final class LocalMultipartUploads {

    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final Pattern PART_FILE = Pattern.compile("(\\d{5})\\.part");
    private static final String KEY_FILE = "key";

    private final Path root;

    LocalMultipartUploads(Path root) {
        this.root = root;
    }

    String create(String key) {
        String uploadId = UUID.randomUUID().toString();
        try {
            Path folder = Files.createDirectories(root.resolve(uploadId));
            Files.writeString(folder.resolve(KEY_FILE), key);
            return uploadId;
        } catch (IOException e) {
            throw new ObjectStoreException("Could not start an upload of '" + key + "': " + e, e);
        }
    }

    /** The upload's folder, when {@code uploadId} names an upload of {@code key}. */
    Path folderOf(String key, String uploadId) {
        StoreArguments.uploadId(uploadId);
        // The id becomes a folder name: only ids this class made may reach the file system.
        if (UPLOAD_ID.matcher(uploadId).matches()) {
            Path folder = root.resolve(uploadId);
            try {
                if (Files.readString(folder.resolve(KEY_FILE)).equals(key)) {
                    return folder;
                }
            } catch (NoSuchFileException e) {
                // Unknown, completed or aborted.
            } catch (IOException e) {
                throw new ObjectStoreException("Could not read the upload '" + uploadId + "': " + e, e);
            }
        }
        throw ObjectNotFoundException.upload(key, uploadId);
    }

    String uploadPart(String key, String uploadId, int partNumber, InputStream data, long size) {
        StoreArguments.partNumber(partNumber);
        StoreArguments.partSize(size);
        Path folder = folderOf(key, uploadId);
        Path temp = null;
        try {
            temp = Files.createTempFile(folder, "part-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, WRITE)) {
                long copied = new BoundedInputStream(data, size).transferTo(Channels.newOutputStream(channel));
                if (copied < size || data.read() != -1) {
                    throw new ObjectStoreException("Part " + partNumber + " of '" + key + "' must be exactly "
                            + size + " bytes, but its data " + (copied < size ? "ended after " + copied : "held more"));
                }
                channel.force(true);
            }
            Path part = folder.resolve(partFileName(partNumber));
            Files.move(temp, part, ATOMIC_MOVE);
            return LocalObjectStore.etag(Files.readAttributes(part, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            throw ObjectNotFoundException.upload(key, uploadId);
        } catch (IOException e) {
            throw new ObjectStoreException("Could not store part " + partNumber + " of '" + key + "': " + e, e);
        } finally {
            LocalObjectStore.deleteQuietly(temp);
        }
    }

    List<UploadedPart> listParts(String key, String uploadId) {
        Path folder = folderOf(key, uploadId);
        List<UploadedPart> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                var name = PART_FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    parts.add(new UploadedPart(Integer.parseInt(name.group(1)), LocalObjectStore.etag(attributes),
                            attributes.size()));
                }
            }
        } catch (NoSuchFileException e) {
            throw ObjectNotFoundException.upload(key, uploadId);
        } catch (IOException e) {
            throw new ObjectStoreException("Could not list the parts of '" + key + "': " + e, e);
        }
        parts.sort(Comparator.comparingInt(UploadedPart::partNumber));
        return parts;
    }

    /** Writes the listed parts, checked against the uploaded ones, one after the other into {@code target}. */
    void assemble(String key, String uploadId, List<UploadedPart> parts, Path target) throws IOException {
        Map<Integer, UploadedPart> uploaded = listParts(key, uploadId).stream()
                .collect(Collectors.toMap(UploadedPart::partNumber, Function.identity()));
        for (int i = 0; i < parts.size(); i++) {
            UploadedPart wanted = parts.get(i);
            UploadedPart stored = uploaded.get(wanted.partNumber());
            if (stored == null || !stored.etag().equals(wanted.etag())) {
                throw new IllegalArgumentException("Part " + wanted.partNumber() + " of '" + key
                        + "' was not uploaded, or its ETag differs");
            }
            if (i < parts.size() - 1 && stored.size() < ObjectStore.MIN_PART_SIZE) {
                throw new IllegalArgumentException("Part " + wanted.partNumber() + " of '" + key + "' has "
                        + stored.size() + " bytes; every part but the last needs at least " + ObjectStore.MIN_PART_SIZE);
            }
        }
        Path folder = folderOf(key, uploadId);
        try (FileChannel out = FileChannel.open(target, WRITE)) {
            for (UploadedPart part : parts) {
                try (FileChannel in = FileChannel.open(folder.resolve(partFileName(part.partNumber())), READ)) {
                    for (long position = 0, size = in.size(); position < size; ) {
                        position += in.transferTo(position, size - position, out);
                    }
                }
            }
            out.force(true);
        }
    }

    /** Removes the upload's folder and parts; does nothing when there is no such upload. */
    void remove(String key, String uploadId) {
        Path folder;
        try {
            folder = folderOf(key, uploadId);
        } catch (ObjectNotFoundException e) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (NoSuchFileException e) {
            // Aborted at the same time by another call.
        } catch (IOException e) {
            throw new ObjectStoreException("Could not remove the upload '" + uploadId + "' of '" + key + "': " + e, e);
        }
    }

    void checkReady() throws IOException {
        Files.createDirectories(root);
    }

    private static String partFileName(int partNumber) {
        return "%05d.part".formatted(partNumber);
    }
}
