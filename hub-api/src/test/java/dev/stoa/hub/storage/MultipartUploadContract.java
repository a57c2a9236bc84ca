package dev.stoa.hub.storage;

import static dev.stoa.hub.storage.TestContent.bytes;
import static dev.stoa.hub.storage.TestContent.randomKey;
import static dev.stoa.hub.storage.TestContent.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/** Multipart uploads, the same on every {@link ObjectStore}. */
interface MultipartUploadContract extends StoreFixture {

    int FULL_PART = (int) ObjectStore.MIN_PART_SIZE;

    @Test
    default void completingAssemblesThePartsInOrder() {
        String key = randomKey("multipart.bin");
        byte[] first = bytes(20, FULL_PART);
        byte[] last = bytes(21, 1_234);
        String uploadId = store().createMultipartUpload(key);

        String lastEtag = upload(key, uploadId, 2, last);
        String firstEtag = upload(key, uploadId, 1, first);

        assertThat(store().listParts(key, uploadId)).containsExactly(
                new UploadedPart(1, firstEtag, first.length), new UploadedPart(2, lastEtag, last.length));
        assertThat(store().stat(key)).isEmpty();
        ObjectInfo info = store().completeMultipartUpload(key, uploadId,
                List.of(new UploadedPart(1, "\"" + firstEtag + "\""), new UploadedPart(2, lastEtag)));

        assertThat(info.size()).isEqualTo(first.length + last.length);
        assertThat(readAll(store().get(key))).isEqualTo(concat(first, last));
    }

    @Test
    default void abortingRemovesTheParts() {
        String key = randomKey("aborted.bin");
        String uploadId = store().createMultipartUpload(key);
        String etag = upload(key, uploadId, 1, bytes(22, 1_000));

        store().abortMultipartUpload(key, uploadId);
        store().abortMultipartUpload(key, uploadId);

        assertPartsGone(key, uploadId);
        assertThatThrownBy(() -> store().completeMultipartUpload(key, uploadId, List.of(new UploadedPart(1, etag))))
                .isInstanceOf(ObjectStoreException.class);
        assertThat(store().stat(key)).isEmpty();
    }

    @Test
    default void completingRejectsUnknownEtagsAndSmallParts() {
        String key = randomKey("rejected.bin");
        String uploadId = store().createMultipartUpload(key);
        String first = upload(key, uploadId, 1, bytes(23, 100));
        String second = upload(key, uploadId, 2, bytes(24, 100));

        assertThatThrownBy(() -> store().completeMultipartUpload(key, uploadId, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().completeMultipartUpload(key, uploadId,
                List.of(new UploadedPart(2, second), new UploadedPart(1, first))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().completeMultipartUpload(key, uploadId, List.of(new UploadedPart(1, "0ff1ce"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().completeMultipartUpload(key, uploadId,
                List.of(new UploadedPart(1, first), new UploadedPart(2, second))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().stat(key)).isEmpty();
        store().abortMultipartUpload(key, uploadId);
    }

    @Test
    default void aPartWhoseDataEndsEarlyIsNotStored() {
        String key = randomKey("short-part.bin");
        String uploadId = store().createMultipartUpload(key);

        assertThatThrownBy(() -> store().uploadPart(key, uploadId, 1, new ByteArrayInputStream(bytes(25, 50)), 100))
                .isInstanceOf(ObjectStoreException.class);

        assertThat(store().listParts(key, uploadId)).isEmpty();
        store().abortMultipartUpload(key, uploadId);
    }

    @Test
    default void presignedPartUrlsAcceptPartsWhereTheStoreCanSign() throws Exception {
        String key = randomKey("presigned-multipart.bin");
        byte[] first = bytes(26, FULL_PART);
        byte[] last = bytes(27, 4_321);
        String uploadId = store().createMultipartUpload(key);

        var url = store().presignUploadPart(key, uploadId, 1, Duration.ofMinutes(5));

        if (!signsUrls()) {
            assertThat(url).isEmpty();
            store().abortMultipartUpload(key, uploadId);
            return;
        }
        var response = TestHttp.put(url.orElseThrow(), first);
        assertThat(response.statusCode()).isEqualTo(200);
        String firstEtag = response.headers().firstValue("ETag").orElseThrow();
        String lastEtag = upload(key, uploadId, 2, last);
        store().completeMultipartUpload(key, uploadId,
                List.of(new UploadedPart(1, firstEtag), new UploadedPart(2, lastEtag)));
        assertThat(readAll(store().get(key))).isEqualTo(concat(first, last));
    }

    private String upload(String key, String uploadId, int partNumber, byte[] data) {
        return store().uploadPart(key, uploadId, partNumber, new ByteArrayInputStream(data), data.length);
    }

    /** An S3 server may list an aborted upload as empty instead of answering NoSuchUpload (S3Proxy does). */
    private void assertPartsGone(String key, String uploadId) {
        try {
            assertThat(store().listParts(key, uploadId)).isEmpty();
        } catch (ObjectNotFoundException expected) {
            // The answer every store should give.
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
