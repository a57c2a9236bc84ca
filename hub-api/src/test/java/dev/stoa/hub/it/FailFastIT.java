package dev.stoa.hub.it;

import dev.stoa.hub.testing.ChildProcesses;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyProcess;
import dev.stoa.hub.testing.StoaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A service Stoa cannot use stops the start at once, with the setting to fix and without leaking secrets. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FailFastIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    @Test
    void unreachableDatabaseNamesStoaDbUrl(@TempDir Path dataDir) {
        String password = RandomText.alphanumeric(24);
        Map<String, String> env = Map.of(
                "STOA_DB_URL", "jdbc:postgresql://127.0.0.1:" + ChildProcesses.freePort() + "/stoa",
                "STOA_DB_USERNAME", "stoa",
                "STOA_DB_PASSWORD", password);

        StoaProcess.Exit exit = StoaProcess.start(dataDir, env).awaitExit(EXIT_WITHIN);

        assertThat(exit.code()).isNotZero();
        assertThat(exit.log()).contains("STOA_DB_URL").doesNotContain(password);
        assertThat(dataDir.resolve("postgres")).as("embedded PostgreSQL's data").doesNotExist();
    }

    @Test
    void unreachableS3EndpointNamesTheEndpointSetting(@TempDir Path dataDir) {
        String secretKey = RandomText.alphanumeric(32);
        Map<String, String> env = Map.of(
                "STOA_STORAGE_TYPE", "s3",
                "STOA_STORAGE_S3_ENDPOINT", "http://127.0.0.1:" + ChildProcesses.freePort(),
                "STOA_STORAGE_S3_ACCESS_KEY", "stoa",
                "STOA_STORAGE_S3_SECRET_KEY", secretKey,
                "STOA_STORAGE_S3_BUCKET", "stoa-" + RandomText.lowercase(8));

        StoaProcess.Exit exit = StoaProcess.start(dataDir, env).awaitExit(EXIT_WITHIN);

        assertThat(exit.code()).isNotZero();
        assertThat(exit.log()).contains("STOA_STORAGE_S3_ENDPOINT").doesNotContain(secretKey);
    }

    @Test
    void rejectedS3CredentialsNameTheKeySettingsButNotTheSecret(@TempDir Path tmp) {
        try (S3ProxyProcess s3 = S3ProxyProcess.start(tmp.resolve("s3"))) {
            String wrongSecret = RandomText.alphanumeric(32);
            Map<String, String> env = new HashMap<>(s3.stoaSettings("stoa-" + RandomText.lowercase(8)));
            env.put("STOA_STORAGE_S3_SECRET_KEY", wrongSecret);

            StoaProcess.Exit exit = StoaProcess.start(tmp.resolve("stoa"), env).awaitExit(EXIT_WITHIN);

            assertThat(exit.code()).isNotZero();
            assertThat(exit.log())
                    .containsAnyOf("STOA_STORAGE_S3_SECRET_KEY", "STOA_STORAGE_S3_ACCESS_KEY")
                    .doesNotContain(wrongSecret)
                    .doesNotContain(s3.secretKey());
        }
    }
}
