package dev.stoa.hub.githttp;

import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Random;

import static dev.stoa.hub.githttp.GitClient.read;
import static dev.stoa.hub.githttp.GitClient.url;
import static dev.stoa.hub.githttp.GitClient.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The real git client clones, pushes and fetches; what it pushes is what the HF API sees, and back. */
@QuarkusTest
class GitCloneAndPushTest {

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void pushedFilesCloneBackByteForByteAndTheHfApiCommitsOnTop() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        Path work = client.cloneOf(url(repo.token(), repo.urlPath() + ".git"));
        assertThat(work.resolve(".gitattributes")).exists();

        byte[] weights = new byte[300_000];
        new Random(7).nextBytes(weights);
        write(work.resolve("README.md"), "# pushed with git\n");
        write(work.resolve("weights/small.bin"), weights);
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "Add weights").ok();
        client.git(work, "push", "origin", "main").ok();
        String pushed = head(work);

        // Anonymous clone of a public repository, without .git and with protocol v0 this time.
        Path copy = client.cloneOf(url(null, repo.urlPath()), "-c", "protocol.version=0");
        assertThat(head(copy)).isEqualTo(pushed);
        assertThat(read(copy.resolve("weights/small.bin"))).isEqualTo(weights);
        assertThat(read(copy.resolve("README.md"))).isEqualTo(read(work.resolve("README.md")));

        // The HF commit route builds on the commit git pushed...
        String viaApi = TestRepos.commit(repo, "main",
                TestRepos.ndjson("Edit through the API").header("Edit through the API", pushed).file("config.json", "{}"));
        // ...and git fetches the commit the HF API made.
        client.git(work, "pull", "-q", "origin", "main").ok();
        assertThat(head(work)).isEqualTo(viaApi);
        assertThat(read(work.resolve("config.json"))).isEqualTo("{}".getBytes());
    }

    @Test
    void datasetsCloneAndPushToo() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", true);
        Path work = client.cloneOf(url(repo.token(), repo.urlPath()));
        write(work.resolve("data/train.csv"), "a,b\n1,2\n");
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "Add data").ok();
        client.git(work, "push", "-q", "origin", "main").ok();

        Path copy = client.cloneOf(url(repo.token(), repo.urlPath() + ".git"));
        assertThat(read(copy.resolve("data/train.csv"))).isEqualTo("a,b\n1,2\n".getBytes());
        assertThat(head(copy)).isEqualTo(head(work));
    }

    @Test
    void branchesAndTagsComeAndGoAndForcePushesAreAllowed() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String remote = url(repo.token(), repo.urlPath() + ".git");
        Path work = client.cloneOf(remote);
        String initial = head(work);
        write(work.resolve("a.txt"), "a");
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "a").ok();
        client.git(work, "tag", "-a", "v1", "-m", "first release").ok();
        client.git(work, "push", "-q", "origin", "main", "main:refs/heads/dev", "v1").ok();
        assertThat(client.git(work, "ls-remote", remote).ok().output())
                .contains("refs/heads/dev", "refs/tags/v1", "refs/tags/v1^{}");

        client.git(work, "push", "-q", "origin", ":refs/heads/dev").ok();
        client.git(work, "reset", "-q", "--hard", initial).ok();
        client.git(work, "push", "-q", "--force", "origin", "main").ok();
        assertThat(client.git(work, "ls-remote", remote).ok().output())
                .doesNotContain("refs/heads/dev")
                .contains(initial + "\trefs/heads/main");
    }

    @Test
    void aPushLargerThanTheJsonBodyLimitGoesThroughWithOrWithoutContentLength() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        Path work = client.cloneOf(url(repo.token(), repo.urlPath()));
        Random random = new Random(11);
        for (String name : new String[]{"part-1.bin", "part-2.bin"}) {
            byte[] part = new byte[6 * 1024 * 1024];
            random.nextBytes(part);
            write(work.resolve(name), part);
        }
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "Two parts of 6 MiB").ok();
        // With a post buffer larger than the pack, git sends a Content-Length instead of chunks.
        client.git(work, "-c", "http.postBuffer=67108864", "push", "-q", "origin", "main").ok();

        for (String name : new String[]{"part-3.bin", "part-4.bin"}) {
            byte[] part = new byte[6 * 1024 * 1024];
            random.nextBytes(part);
            write(work.resolve(name), part);
        }
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "Two more").ok();
        client.git(work, "push", "-q", "origin", "main").ok();

        Path copy = client.cloneOf(url(null, repo.urlPath()));
        assertThat(read(copy.resolve("part-4.bin"))).isEqualTo(read(work.resolve("part-4.bin")));
    }

    private String head(Path dir) {
        return client.git(dir, "rev-parse", "HEAD").ok().output().strip();
    }
}
