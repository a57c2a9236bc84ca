package dev.stoa.hub.it;

import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyProcess;
import dev.stoa.hub.testing.StoaProcess;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged app on an S3 server (S3Proxy standing in for MinIO or AWS). */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class S3ModeIT {

    @Test
    void becomesReadyAndCreatesItsBucket(@TempDir Path tmp) throws Exception {
        String bucket = "stoa-" + RandomText.lowercase(8);
        try (S3ProxyProcess s3 = S3ProxyProcess.start(tmp.resolve("s3"));
             StoaProcess app = StoaProcess.start(tmp.resolve("stoa"), s3.stoaSettings(bucket)).awaitReady()) {
            MinioClient client = MinioClient.builder()
                    .endpoint(s3.endpoint())
                    .credentials(s3.accessKey(), s3.secretKey())
                    .build();
            assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
            assertThat(app.stop().log()).doesNotContain(s3.secretKey());
        }
    }
}
