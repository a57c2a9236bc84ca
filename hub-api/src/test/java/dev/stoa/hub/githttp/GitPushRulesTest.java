package dev.stoa.hub.githttp;

import dev.stoa.hub.git.LfsPointer;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Random;

import static dev.stoa.hub.githttp.GitClient.url;
import static dev.stoa.hub.githttp.GitClient.write;
import static org.assertj.core.api.Assertions.assertThat;

/** What a push may not do: each refusal reaches the user through git, and the repository stays as it was. */
@QuarkusTest
class GitPushRulesTest {

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void aLargeFileOutsideLfsIsRefusedWithHowToTrackIt() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String remote = url(repo.token(), repo.urlPath() + ".git");
        Path work = client.cloneOf(remote);
        String before = remoteMain(work, remote);

        byte[] big = new byte[11 * 1024 * 1024];
        new Random(3).nextBytes(big);
        write(work.resolve("notes.txt"), "small and fine");
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "notes").ok();
        write(work.resolve("weights/model.bin"), big);
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "Add weights").ok();

        GitClient.Result push = client.git(work, "push", "origin", "main", "main:refs/heads/other");
        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output())
                .contains("weights/model.bin")
                .contains("git lfs track \"*.bin\"")
                .contains("git add .gitattributes")
                .contains("git lfs migrate import --include=\"*.bin\"")
                .contains("[remote rejected] main -> main")
                .contains("[remote rejected] main -> other");
        // All or nothing: neither the earlier, valid commit nor the other branch arrived.
        assertThat(remoteMain(work, remote)).isEqualTo(before);
        assertThat(client.git(work, "ls-remote", remote).ok().output()).doesNotContain("refs/heads/other");
    }

    @Test
    void onlyBranchesAndTagsCanBePushedAndMainStays() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String remote = url(repo.token(), repo.urlPath());
        Path work = client.cloneOf(remote);

        GitClient.Result pr = client.git(work, "push", "origin", "main:refs/pr/1");
        assertThat(pr.exitCode()).isNotZero();
        assertThat(pr.output()).contains("only branches (refs/heads/*) and tags (refs/tags/*) can be pushed");

        GitClient.Result deleteMain = client.git(work, "push", "origin", ":main");
        assertThat(deleteMain.exitCode()).isNotZero();
        assertThat(deleteMain.output()).contains("the main branch cannot be deleted");
        assertThat(client.git(work, "ls-remote", remote).ok().output()).contains("refs/heads/main");
    }

    @Test
    void pathsThatBreakTheRepositoryRulesAreRefused() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String remote = url(repo.token(), repo.urlPath());
        Path work = client.cloneOf(remote);
        String before = remoteMain(work, remote);
        // A backslash is legal for git but not for Stoa's paths (RepoPaths).
        write(work.resolve("bad\\name.txt"), "x");
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "bad path").ok();

        GitClient.Result push = client.git(work, "push", "origin", "main");
        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("backslash");
        assertThat(remoteMain(work, remote)).isEqualTo(before);
    }

    @Test
    void aPointerToAnLfsObjectThePusherMayNotReferenceIsRefused() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String remote = url(repo.token(), repo.urlPath());
        Path work = client.cloneOf(remote);
        String before = remoteMain(work, remote);
        // A hand-made pointer to bytes nobody uploaded: pointing at them would leak another tenant's file.
        write(work.resolve("stolen.bin"), new LfsPointer("a".repeat(64), 1234).toBytes());
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "pointer").ok();

        GitClient.Result push = client.git(work, "push", "origin", "main");
        assertThat(push.exitCode()).isNotZero();
        assertThat(push.output()).contains("stolen.bin").contains("a".repeat(64));
        assertThat(remoteMain(work, remote)).isEqualTo(before);
    }

    @Test
    void trackPatternsNameTheExtension() {
        assertThat(PushRules.trackPattern("weights/model.BIN")).isEqualTo("*.BIN");
        assertThat(PushRules.trackPattern("data/blob")).isEqualTo("data/blob");
        assertThat(PushRules.trackPattern(".hidden")).isEqualTo(".hidden");
    }

    private String remoteMain(Path work, String remote) {
        return client.git(work, "ls-remote", remote, "refs/heads/main").ok().output().strip();
    }
}
