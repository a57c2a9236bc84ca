package dev.stoa.hub.githttp;

import dev.stoa.hub.moderation.Moderators;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.githttp.GitClient.read;
import static dev.stoa.hub.githttp.GitClient.url;
import static org.assertj.core.api.Assertions.assertThat;

/** git clone with the real git client: refused while a file of the repository is quarantined, working once lifted. */
@QuarkusTest
class QuarantinedGitTest {

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void aClonePullingAQuarantinedPickleIsRefusedUntilAModeratorLiftsIt() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("pickle").file("model.pkl", Moderators.MALICIOUS_PICKLE)
                .file("config.json", "{}"));
        List<Map<String, Object>> quarantined = Moderators.awaitQuarantines(repo.token(), "models", repo.id(),
                list -> list.stream().anyMatch(q -> Boolean.TRUE.equals(q.get("active"))));

        GitClient.Result refused = client.failedClone(url(repo.token(), repo.urlPath() + ".git"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("403");

        Moderators.lift(Moderators.newModerator().token(), "models", repo.id(),
                ((Number) quarantined.getFirst().get("id")).longValue()).then().statusCode(200);
        Path clone = client.cloneOf(url(repo.token(), repo.urlPath() + ".git"));
        assertThat(read(clone.resolve("model.pkl"))).isEqualTo(Moderators.MALICIOUS_PICKLE);
    }
}
