package dev.stoa.hub.githttp;

import dev.stoa.hub.curation.Curations;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.stoa.hub.githttp.GitClient.url;
import static dev.stoa.hub.githttp.GitClient.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The protected tag of an approved revision cannot be moved or deleted by its owner's git pushes either. */
@QuarkusTest
class CuratedTagPushTest {

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void theOwnerCannotDeleteMoveOrShadowACuratedTagWithGit() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String commit = Curations.approvedRepo(repo).getString("request.commit");
        String remote = url(repo.token(), repo.urlPath());
        Path work = client.cloneOf(remote);
        write(work.resolve("later.txt"), "a later change");
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "later").ok();

        GitClient.Result delete = client.git(work, "push", "origin", ":refs/tags/curated/1");
        assertThat(delete.exitCode()).isNotZero();
        assertThat(delete.output()).contains("protected tags cannot be moved or deleted");
        GitClient.Result move = client.git(work, "push", "--force", "origin", "HEAD:refs/tags/curated/1");
        assertThat(move.exitCode()).isNotZero();
        assertThat(move.output()).contains("protected tags cannot be moved or deleted");
        GitClient.Result reserved = client.git(work, "push", "origin", "HEAD:refs/tags/curated/2");
        assertThat(reserved.exitCode()).isNotZero();
        assertThat(reserved.output()).contains("reserved for revisions approved by curators");
        GitClient.Result branch = client.git(work, "push", "origin", "HEAD:refs/heads/curated/1");
        assertThat(branch.exitCode()).isNotZero();

        assertThat(client.git(work, "ls-remote", "--tags", remote).ok().output()).contains(commit + "\trefs/tags/curated/1^{}");
        // ordinary pushes still work
        client.git(work, "push", "origin", "HEAD:main").ok();
    }
}
