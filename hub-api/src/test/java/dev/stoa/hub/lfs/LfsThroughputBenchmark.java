package dev.stoa.hub.lfs;

import static dev.stoa.hub.lfs.LfsClient.batch;
import static dev.stoa.hub.lfs.LfsClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.storage.ObjectStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Upload throughput of a large LFS object through Stoa's streamed path (PUT + in-stream sha256 + verify)
 * against a direct {@code ObjectStore.put} of the same bytes. Not part of the suite: run with
 * {@code -Dtest=LfsThroughputBenchmark -Dlfs.bench.mib=1024}. Prints figures; asserts only correctness.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "lfs.bench.mib", matches = "\\d+")
class LfsThroughputBenchmark {

    @Test
    void streamedUploadAgainstDirectPut() throws Exception {
        long size = Long.getLong("lfs.bench.mib") * 1024 * 1024;
        String oid = sha256(content(size));
        LfsUploadContract.Owner owner = LfsUploadContract.Owner.create(false);
        ObjectStore store = Arc.container().instance(ObjectStore.class).get();

        long direct = System.nanoTime();
        store.put("bench/" + oid, content(size));
        direct = System.nanoTime() - direct;
        store.delete("bench/" + oid);

        JsonPath lfs = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(oid, size))
                .then().statusCode(200).extract().jsonPath();
        long streamed = System.nanoTime();
        HttpResponse<String> put = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(LfsClient.reachable(lfs.getString("objects[0].actions.upload.href")))
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> content(size)), size))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(LfsClient.post(lfs.getString("objects[0].actions.verify.href"), "{}", owner.token()).statusCode()).isEqualTo(200);
        streamed = System.nanoTime() - streamed;

        double mib = size / 1048576.0;
        System.out.printf("LFS upload of %.0f MiB: direct ObjectStore.put %.0f MiB/s, through Stoa (PUT + verify) %.0f MiB/s, ratio %.2f%n",
                mib, mib / (direct / 1e9), mib / (streamed / 1e9), (double) direct / streamed);
    }

    private static InputStream content(long size) {
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        random.nextBytes(block);
        return new InputStream() {
            long position;

            @Override
            public int read() {
                return position < size ? block[(int) (position++ % block.length)] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int start = (int) (position % block.length);
                int n = (int) Math.min(Math.min(length, block.length - start), size - position);
                System.arraycopy(block, start, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
