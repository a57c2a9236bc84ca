package dev.stoa.hub.githttp;

import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static dev.stoa.hub.githttp.GitClient.read;
import static dev.stoa.hub.githttp.GitClient.url;
import static dev.stoa.hub.githttp.GitClient.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * git with git-lfs end to end: the pointer goes through git, the bytes through the LFS batch API, and a fresh
 * clone gets the same bytes back. git-lfs follows the absolute links Stoa hands out, so this app runs on a
 * known port with {@code stoa.base-url} pointing at it.
 */
@QuarkusTest
@TestProfile(GitLfsTest.OnKnownPort.class)
class GitLfsTest {

    public static class OnKnownPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = freePort();
            return Map.of("quarkus.http.test-port", String.valueOf(port), "stoa.base-url", "http://127.0.0.1:" + port);
        }
    }

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void largeFilesTravelThroughLfsAndCloneBackIdentical() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String remote = url(repo.token(), repo.urlPath() + ".git");
        Path work = client.cloneOf(remote);
        client.git(work, "lfs", "install", "--local").ok();
        client.git(work, "config", "lfs.locksverify", "false").ok();
        client.git(work, "lfs", "track", "*.bin").ok();
        byte[] weights = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(weights);
        write(work.resolve("model.bin"), weights);
        client.git(work, "add", ".gitattributes", "model.bin").ok();
        client.git(work, "commit", "-q", "-m", "Add weights with git-lfs").ok();
        assertThat(client.git(work, "show", "HEAD:model.bin").ok().output()).startsWith("version https://git-lfs.github.com/spec/v1");
        client.git(work, "push", "origin", "main").ok();
        String pushed = client.git(work, "rev-parse", "HEAD").ok().output().strip();

        // A fresh clone with the LFS filters installed smudges the pointer back into the bytes.
        client.git(work, "lfs", "install").ok();
        Path copy = client.cloneOf(url(null, repo.urlPath()));
        assertThat(sha256(read(copy.resolve("model.bin")))).isEqualTo(sha256(weights));

        // The HF API sees the same commit: it commits on top of it.
        TestRepos.commit(repo, "main", TestRepos.ndjson("On top of the git push").header("On top of the git push", pushed)
                .file("README.md", "# weights"));
    }

    @Test
    void aLargeFileOutsideLfsCanBeMovedIntoLfsAsTheRefusalSays() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        Path work = client.cloneOf(url(repo.token(), repo.urlPath()));
        client.git(work, "lfs", "install", "--local").ok();
        client.git(work, "config", "lfs.locksverify", "false").ok();
        byte[] big = new byte[11 * 1024 * 1024];
        new Random(9).nextBytes(big);
        write(work.resolve("data/big.raw"), big);
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "Add big data").ok();
        assertThat(client.git(work, "push", "origin", "main").output()).contains("git lfs track \"*.raw\"");

        // What the message says to do for a commit already made (the default .gitattributes already sends
        // *.parquet and the like to LFS, so this file type is not among them).
        client.git(work, "lfs", "migrate", "import", "--include=*.raw").ok();
        client.git(work, "push", "origin", "main").ok();
        assertThat(client.git(work, "show", "HEAD:.gitattributes").ok().output()).contains("*.raw filter=lfs");
        assertThat(client.git(work, "show", "HEAD:data/big.raw").ok().output()).startsWith("version https://git-lfs");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
