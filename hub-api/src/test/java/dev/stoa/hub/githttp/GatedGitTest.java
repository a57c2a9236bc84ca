package dev.stoa.hub.githttp;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.gating.GatedRepos.Gated;
import dev.stoa.hub.gating.GatedRepos.User;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static dev.stoa.hub.githttp.GitClient.read;
import static dev.stoa.hub.githttp.GitClient.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * git and git-lfs on a gated repository: fetching is a download, so a clone needs granted access, and git shows
 * the refusal; once access is granted the clone smudges the LFS files. Runs on a known port because git-lfs follows
 * the absolute links Stoa hands out.
 */
@QuarkusTest
@TestProfile(GitLfsTest.OnKnownPort.class)
class GatedGitTest {

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void cloningNeedsGrantedAccessAndThenBringsTheLfsFiles() {
        Gated gated = GatedRepos.newGated("model", false, "manual");
        User stranger = User.create();
        client.git(client.newDir("lfs"), "lfs", "install").ok();

        GitClient.Result anonymous = client.failedClone(url(null, gated.repo().urlPath()));
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).contains("terminal prompts disabled");
        given().get("/" + gated.repo().urlPath() + ".git/info/refs?service=git-upload-pack").then().statusCode(401)
                .header("X-Error-Code", "GatedRepo").header("WWW-Authenticate", "Basic realm=\"Stoa\"");

        GitClient.Result refused = client.failedClone(url(stranger.token(), gated.repo().urlPath() + ".git"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("403").contains("not in the authorized list");
        given().auth().oauth2(stranger.token()).contentType("application/x-git-upload-pack-request").body(new byte[0])
                .post("/" + gated.repo().urlPath() + "/git-upload-pack").then().statusCode(403).header("X-Error-Code", "GatedRepo");

        GatedRepos.request(stranger.token(), gated.repo(), GatedRepos.answers()).then().statusCode(200);
        GatedRepos.handle(gated.repo().token(), gated.repo(), Map.of("user", stranger.name(), "status", "accepted"))
                .then().statusCode(200);
        Path clone = client.cloneOf(url(stranger.token(), gated.repo().urlPath()));
        assertThat(read(clone.resolve("model.safetensors"))).isEqualTo(gated.weights());
        assertThat(client.git(clone, "rev-parse", "HEAD").ok().output().strip()).isEqualTo(gated.commit());
    }
}
