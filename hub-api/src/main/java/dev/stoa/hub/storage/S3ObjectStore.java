package dev.stoa.hub.storage;

import static java.util.Objects.requireNonNull;

import dev.stoa.hub.config.StoaConfig;
import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CopyObjectArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.ListPartsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ListPartsResult;
import io.minio.messages.Part;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The production store: one bucket of any S3-compatible server, through the MinIO Java client. A put of
 * unknown length becomes a multipart upload of 16 MiB parts, one buffered at a time; S3's 10,000 parts make
 * that at most 156 GiB per put (larger objects need {@link #createMultipartUpload} with larger parts).
 * URLs are signed for {@code stoa.storage.s3.public-endpoint} when set, since clients may reach the store
 * at another address than Stoa does.
 */
public final class S3ObjectStore implements ObjectStore {

    static final long PART_SIZE = 16L * 1024 * 1024;
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);

    private final String endpoint;
    private final String bucket;
    private final MinioAsyncClient client;
    private final Optional<MinioAsyncClient> publicSigner;
    private final S3PartUploader partUploader;

    /** Reads and checks the settings; connects only when first used. */
    public S3ObjectStore(StoaConfig.S3 config) {
        this.bucket = S3Clients.bucket(config);
        this.client = S3Clients.internal(config);
        this.endpoint = config.endpoint().orElseThrow();
        this.publicSigner = S3Clients.publicSigner(config);
        this.partUploader = new S3PartUploader();
    }

    @Override
    public ObjectInfo put(String key, InputStream content) {
        StoreArguments.key(key);
        requireNonNull(content, "content is null");
        await(client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(content, null, PART_SIZE).contentType(OCTET_STREAM).build()),
                "store '" + key + "'", () -> ObjectNotFoundException.object(key));
        return statAfterWrite(key);
    }

    @Override
    public InputStream get(String key) {
        return get(key, 0, -1);
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        StoreArguments.key(key);
        StoreArguments.range(offset, length);
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key);
        if (offset > 0 || length != -1) {
            args.offset(offset).length(length == -1 ? null : length);
        }
        return await(client.getObject(args.build()), "read '" + key + "'", () -> ObjectNotFoundException.object(key));
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        StoreArguments.key(key);
        try {
            StatObjectResponse response = await(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()),
                    "read the attributes of '" + key + "'", () -> ObjectNotFoundException.object(key));
            return Optional.of(new ObjectInfo(key, response.size(), UploadedPart.unquote(response.etag()),
                    response.lastModified().toInstant()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        StoreArguments.key(key);
        await(client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build()),
                "delete '" + key + "'", () -> ObjectNotFoundException.object(key));
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        StoreArguments.prefix(prefix);
        Iterable<Result<Item>> pages = client.listObjects(ListObjectsArgs.builder().bucket(bucket)
                .prefix(prefix).recursive(true).build());
        return StreamSupport.stream(pages.spliterator(), false).map(result -> {
            try {
                Item item = result.get();
                return new ObjectInfo(item.objectName(), item.size(), UploadedPart.unquote(item.etag()),
                        item.lastModified().toInstant());
            } catch (MinioException e) {
                throw S3Errors.translate(e, "list '" + prefix + "'", () -> ObjectNotFoundException.object(prefix));
            }
        });
    }

    @Override
    public void copy(String source, String target) {
        StoreArguments.key(source);
        StoreArguments.key(target);
        // Never an ETag condition here: some servers (S3Proxy) reject the unquoted ETag the client sends.
        await(client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(target)
                        .source(SourceObject.builder().bucket(bucket).object(source).build()).build()),
                "copy '" + source + "' to '" + target + "'", () -> ObjectNotFoundException.object(source));
    }

    @Override
    public Optional<URI> presignGet(String key, Duration expiry) {
        return Optional.of(presign(publicSigner.orElse(client), Http.Method.GET, key, expiry, Map.of()));
    }

    @Override
    public Optional<URI> presignPut(String key, Duration expiry) {
        return Optional.of(presign(publicSigner.orElse(client), Http.Method.PUT, key, expiry, Map.of()));
    }

    @Override
    public String createMultipartUpload(String key) {
        StoreArguments.key(key);
        return await(client.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(bucket).object(key).build()),
                "start an upload of '" + key + "'", () -> ObjectNotFoundException.object(key)).result().uploadId();
    }

    @Override
    public Optional<URI> presignUploadPart(String key, String uploadId, int partNumber, Duration expiry) {
        return Optional.of(presignPart(publicSigner.orElse(client), key, uploadId, partNumber, expiry));
    }

    @Override
    public String uploadPart(String key, String uploadId, int partNumber, InputStream data, long size) {
        StoreArguments.partSize(size);
        requireNonNull(data, "data is null");
        // The client's own part upload needs the part in memory or in a file; a URL signed for Stoa's own
        // endpoint lets the part stream straight from the caller to the store instead.
        URI url = presignPart(client, key, uploadId, partNumber, S3PartUploader.URL_EXPIRY);
        return partUploader.upload(url, data, size, "upload part " + partNumber + " of '" + key + "'",
                () -> ObjectNotFoundException.upload(key, uploadId));
    }

    @Override
    public List<UploadedPart> listParts(String key, String uploadId) {
        StoreArguments.key(key);
        StoreArguments.uploadId(uploadId);
        List<UploadedPart> parts = new ArrayList<>();
        ListPartsResult page;
        Integer marker = null;
        do {
            ListPartsArgs.Builder args = ListPartsArgs.builder().bucket(bucket).object(key).uploadId(uploadId);
            if (marker != null) {
                args.partNumberMarker(marker);
            }
            page = await(client.listParts(args.build()), "list the parts of '" + key + "'",
                    () -> ObjectNotFoundException.upload(key, uploadId)).result();
            for (Part part : page.parts()) {
                parts.add(new UploadedPart(part.partNumber(), part.etag(), part.partSize()));
            }
            marker = page.nextPartNumberMarker();
        } while (page.isTruncated());
        return parts;
    }

    @Override
    public ObjectInfo completeMultipartUpload(String key, String uploadId, List<UploadedPart> parts) {
        StoreArguments.key(key);
        StoreArguments.uploadId(uploadId);
        StoreArguments.parts(parts);
        Part[] listed = parts.stream().map(part -> new Part(part.partNumber(), part.etag())).toArray(Part[]::new);
        await(client.completeMultipartUpload(CompleteMultipartUploadArgs.builder().bucket(bucket).object(key)
                        .uploadId(uploadId).parts(listed).build()),
                "complete the upload of '" + key + "'", () -> ObjectNotFoundException.upload(key, uploadId));
        return statAfterWrite(key);
    }

    @Override
    public void abortMultipartUpload(String key, String uploadId) {
        StoreArguments.key(key);
        StoreArguments.uploadId(uploadId);
        try {
            await(client.abortMultipartUpload(AbortMultipartUploadArgs.builder().bucket(bucket).object(key)
                            .uploadId(uploadId).build()),
                    "abort the upload of '" + key + "'", () -> ObjectNotFoundException.upload(key, uploadId));
        } catch (ObjectNotFoundException e) {
            // Already gone: aborting is idempotent.
        }
    }

    @Override
    public void checkReady() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).join()) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).join();
                LOG.infof("Created the S3 bucket '%s' at %s", bucket, endpoint);
            }
        } catch (CompletionException | IllegalArgumentException e) {
            throw S3Errors.notReady(e, endpoint, bucket);
        }
    }

    @Override
    public void ping() {
        boolean exists;
        try {
            exists = client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).join();
        } catch (CompletionException | IllegalArgumentException e) {
            throw S3Errors.notReady(e, endpoint, bucket);
        }
        if (!exists) {
            throw new ObjectStoreException("The S3 bucket '" + bucket + "' at " + endpoint + " does not exist (any more)."
                    + " Restore it, or check " + S3Clients.BUCKET + "; Stoa creates a missing bucket only when it starts.");
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        publicSigner.ifPresent(S3ObjectStore::closeQuietly);
        partUploader.close();
    }

    @Override
    public String toString() {
        return "S3 bucket '" + bucket + "' at " + endpoint;
    }

    private URI presignPart(MinioAsyncClient signer, String key, String uploadId, int partNumber, Duration expiry) {
        StoreArguments.uploadId(uploadId);
        StoreArguments.partNumber(partNumber);
        return presign(signer, Http.Method.PUT, key, expiry,
                Map.of("uploadId", uploadId, "partNumber", Integer.toString(partNumber)));
    }

    private URI presign(MinioAsyncClient signer, Http.Method method, String key, Duration expiry,
                        Map<String, String> query) {
        StoreArguments.key(key);
        StoreArguments.expiry(expiry);
        int seconds = (int) Math.max(1, (expiry.toMillis() + 999) / 1000);
        try {
            return URI.create(signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(method).bucket(bucket).object(key).expiry(seconds, TimeUnit.SECONDS)
                    .extraQueryParams(query).build()));
        } catch (MinioException e) {
            throw S3Errors.translate(e, "sign a URL for '" + key + "'", () -> ObjectNotFoundException.object(key));
        }
    }

    private ObjectInfo statAfterWrite(String key) {
        return stat(key).orElseThrow(() -> new ObjectStoreException("'" + key
                + "' was written but is gone: another call must have deleted it"));
    }

    private static <T> T await(CompletableFuture<T> call, String action, Supplier<ObjectNotFoundException> notFound) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw S3Errors.translate(e, action, notFound);
        }
    }

    private static void closeQuietly(MinioAsyncClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("Closing an S3 client failed", e);
        }
    }
}
