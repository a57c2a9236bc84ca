package dev.stoa.hub.storage;

import static dev.stoa.hub.storage.TestContent.bytes;
import static dev.stoa.hub.storage.TestContent.randomKey;
import static dev.stoa.hub.storage.TestContent.randomPrefix;
import static dev.stoa.hub.storage.TestContent.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The behaviour every {@link ObjectStore} shares, apart from multipart uploads and presigning. */
interface ObjectStoreContract extends StoreFixture {

    @Test
    default void putThenGetReturnsTheBytes() {
        String key = randomKey("model.safetensors");
        byte[] content = bytes(1, 100_000);

        ObjectInfo info = store().put(key, new ByteArrayInputStream(content));

        assertThat(info.key()).isEqualTo(key);
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(info.etag()).isNotBlank().doesNotContain("\"");
        assertThat(info.lastModified()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(readAll(store().get(key))).isEqualTo(content);
    }

    @Test
    default void emptyObjectsAndKeysWithSpacesAndUnicodeWork() {
        String key = randomKey("a folder/ünïcode 文件.bin");

        store().put(key, InputStream.nullInputStream());

        assertThat(store().stat(key)).hasValueSatisfying(info -> assertThat(info.size()).isZero());
        assertThat(readAll(store().get(key))).isEmpty();
        assertThat(readAll(store().get(key, 0, -1))).isEmpty();
    }

    @Test
    default void rangedGetReadsTheMiddleAndTheRest() {
        String key = randomKey("ranged.bin");
        byte[] content = bytes(2, 10_000);
        store().put(key, new ByteArrayInputStream(content));

        assertThat(readAll(store().get(key, 1_000, 500))).isEqualTo(Arrays.copyOfRange(content, 1_000, 1_500));
        assertThat(readAll(store().get(key, 9_000, -1))).isEqualTo(Arrays.copyOfRange(content, 9_000, 10_000));
        assertThat(readAll(store().get(key, 9_990, 100))).isEqualTo(Arrays.copyOfRange(content, 9_990, 10_000));
        assertThatThrownBy(() -> store().get(key, 10_000, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().get(key, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().get(key, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void statDescribesPresentObjectsAndNothingForMissingOnes() {
        String key = randomKey("stat.bin");
        ObjectInfo written = store().put(key, new ByteArrayInputStream(bytes(3, 1_234)));

        assertThat(store().stat(key)).contains(written);
        assertThat(store().stat(randomKey("missing.bin"))).isEmpty();
    }

    @Test
    default void getOfAMissingKeyThrowsObjectNotFound() {
        String key = randomKey("missing.bin");

        assertThatThrownBy(() -> store().get(key)).isInstanceOf(ObjectNotFoundException.class).hasMessageContaining(key);
        assertThatThrownBy(() -> store().get(key, 5, 10)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    default void deleteRemovesTheObjectAndIsIdempotent() {
        String key = randomKey("deleted.bin");
        store().put(key, new ByteArrayInputStream(bytes(4, 10)));

        store().delete(key);
        store().delete(key);

        assertThat(store().stat(key)).isEmpty();
        assertThatThrownBy(() -> store().get(key)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    default void listReturnsExactlyTheKeysUnderThePrefix() {
        String base = randomPrefix();
        for (String name : List.of("a/1", "a/2/3", "ab", "b/1")) {
            store().put(base + name, new ByteArrayInputStream(bytes(5, name.length())));
        }

        assertThat(keys(base + "a/")).containsExactlyInAnyOrder(base + "a/1", base + "a/2/3");
        assertThat(keys(base + "a")).containsExactlyInAnyOrder(base + "a/1", base + "a/2/3", base + "ab");
        assertThat(keys(base)).hasSize(4);
        assertThat(keys(base + "zzz")).isEmpty();
        try (Stream<ObjectInfo> listed = store().list(base + "a/2/")) {
            assertThat(listed.toList()).singleElement().satisfies(info -> assertThat(info.size()).isEqualTo(5));
        }
    }

    @Test
    default void copyDuplicatesTheObject() {
        String source = randomKey("source.bin");
        String target = randomKey("target.bin");
        byte[] content = bytes(6, 50_000);
        store().put(source, new ByteArrayInputStream(content));

        store().copy(source, target);
        store().put(source, new ByteArrayInputStream(bytes(7, 10)));

        assertThat(readAll(store().get(target))).isEqualTo(content);
        assertThatThrownBy(() -> store().copy(randomKey("missing.bin"), target))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    default void aFailedPutLeavesThePreviousObjectAndNothingPartial() {
        String prefix = randomPrefix();
        String key = prefix + "weights.bin";
        byte[] previous = bytes(8, 1_000);
        store().put(key, new ByteArrayInputStream(previous));
        // More than one 16 MiB part, so that S3 has started a multipart upload when the stream breaks.
        long broken = 17L * 1024 * 1024;

        assertThatThrownBy(() -> store().put(key, TestContent.failingAfter(9, broken)))
                .isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store().put(prefix + "new.bin", TestContent.failingAfter(9, broken)))
                .isInstanceOf(ObjectStoreException.class);

        assertThat(readAll(store().get(key))).isEqualTo(previous);
        assertThat(keys(prefix)).containsExactly(key);
    }

    @Test
    default void concurrentReadersSeeTheOldOrTheNewObjectNeverAPart() {
        String key = randomKey("replaced.bin");
        byte[] first = bytes(10, 1024 * 1024);
        byte[] second = bytes(11, 2 * 1024 * 1024);
        store().put(key, new ByteArrayInputStream(first));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 6; i++) {
                store().put(key, new ByteArrayInputStream(i % 2 == 0 ? second : first));
            }
        });

        do {
            byte[] seen = readAll(store().get(key));
            assertThat(Arrays.equals(seen, first) || Arrays.equals(seen, second))
                    .as("a read during overwrites returned %d bytes that match neither version", seen.length)
                    .isTrue();
        } while (!writer.isDone());
        writer.join();
    }

    @Test
    default void invalidKeysAreRejected() {
        for (String key : List.of("", "/abs", "a//b", "a/", "../x", "a/./b", "a/../b", "back\\slash", "nul\u0000",
                "x".repeat(ObjectStore.MAX_KEY_BYTES + 1))) {
            assertThatThrownBy(() -> store().put(key, InputStream.nullInputStream()))
                    .as("put %s", key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().stat(key)).as("stat %s", key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store().delete(key)).as("delete %s", key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store().list("../")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void presignedGetServesTheObjectWhereTheStoreCanSign() throws Exception {
        String key = randomKey("presigned.bin");
        byte[] content = bytes(12, 30_000);
        store().put(key, new ByteArrayInputStream(content));

        var url = store().presignGet(key, Duration.ofMinutes(5));

        if (!signsUrls()) {
            assertThat(url).isEmpty();
            return;
        }
        assertThat(url).isPresent();
        var response = TestHttp.get(url.get());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    @Test
    default void presignedPutStoresTheObjectWhereTheStoreCanSign() throws Exception {
        String key = randomKey("presigned-put.bin");
        byte[] content = bytes(13, 40_000);

        var url = store().presignPut(key, Duration.ofMinutes(5));

        if (!signsUrls()) {
            assertThat(url).isEmpty();
            return;
        }
        var response = TestHttp.put(url.orElseThrow(), content);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(readAll(store().get(key))).isEqualTo(content);
    }

    private List<String> keys(String prefix) {
        try (Stream<ObjectInfo> listed = store().list(prefix)) {
            return listed.map(ObjectInfo::key).toList();
        }
    }
}
