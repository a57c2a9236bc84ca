package dev.stoa.hub.githttp;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static dev.stoa.hub.githttp.GitClient.url;
import static dev.stoa.hub.githttp.GitClient.write;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Who may clone and push over git, seen by the git client and on the wire. */
@QuarkusTest
class GitAccessTest {

    private final GitClient client = new GitClient();

    @BeforeAll
    static void tools() {
        GitClient.ensureTools();
    }

    @Test
    void privateRepositoriesCloneOnlyWithATokenThatMayReadThem() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        assertThat(client.failedClone(url(null, repo.urlPath())).output()).contains("terminal prompts disabled");
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        assertThat(client.failedClone(url(stranger, repo.urlPath() + ".git")).output()).contains("not found");

        String reader = TestAccounts.tokenOf(repo.user(), "read");
        assertThat(client.cloneOf(url(reader, repo.urlPath())).resolve(".gitattributes")).exists();
    }

    @Test
    void pushingNeedsWriteAccess() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        Path work = client.cloneOf(url(null, repo.urlPath()));
        write(work.resolve("x.txt"), "x");
        client.git(work, "add", ".").ok();
        client.git(work, "commit", "-q", "-m", "x").ok();

        GitClient.Result anonymous = client.git(work, "push", url(null, repo.urlPath()), "main");
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).contains("terminal prompts disabled");

        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        GitClient.Result other = client.git(work, "push", url(stranger, repo.urlPath()), "main");
        assertThat(other.exitCode()).isNotZero();
        assertThat(other.output()).contains("403").contains("ask its owner for write access");

        String readOnly = TestAccounts.tokenOf(repo.user(), "read");
        GitClient.Result read = client.git(work, "push", url(readOnly, repo.urlPath()), "main");
        assertThat(read.exitCode()).isNotZero();
        assertThat(read.output()).contains("read-only");

        client.git(work, "push", url(repo.token(), repo.urlPath()), "main").ok();
    }

    @Test
    void theReceivePackAdvertisementAlreadyAsksForCredentials() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        given().queryParam("service", "git-receive-pack")
                .get("/" + repo.urlPath() + ".git/info/refs")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"Stoa\"")
                .header("X-Error-Code", "RepoNotFound");
        given().auth().preemptive().basic("anyone", repo.token()).queryParam("service", "git-receive-pack")
                .get("/" + repo.urlPath() + "/info/refs")
                .then().statusCode(200)
                .contentType("application/x-git-receive-pack-advertisement")
                .header("Cache-Control", containsString("no-cache"))
                .body(startsWith("001f# service=git-receive-pack\n0000"));
    }

    @Test
    void theUploadPackAdvertisementSpeaksV0AndV2() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        given().queryParam("service", "git-upload-pack")
                .get("/" + repo.urlPath() + "/info/refs")
                .then().statusCode(200)
                .contentType("application/x-git-upload-pack-advertisement")
                .header("Cache-Control", containsString("no-cache"))
                .body(startsWith("001e# service=git-upload-pack\n0000"), containsString("refs/heads/main"));
        given().header("Git-Protocol", "version=2").queryParam("service", "git-upload-pack")
                .get("/" + repo.urlPath() + ".git/info/refs")
                .then().statusCode(200)
                .body(containsString("version 2"), containsString("ls-refs"));
    }

    @Test
    void aGzippedFetchRequestIsUnderstood() throws IOException {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String head = given().queryParam("service", "git-upload-pack").get("/" + repo.urlPath() + "/info/refs")
                .then().statusCode(200).extract().asString().split("\n")[1].substring(8, 48);
        String request = pktLine("want " + head + "\n") + "0000" + pktLine("done\n");
        byte[] body = given().header("Content-Encoding", "gzip").contentType("application/x-git-upload-pack-request")
                .body(gzip(request))
                .post("/" + repo.urlPath() + "/git-upload-pack")
                .then().statusCode(200).contentType("application/x-git-upload-pack-result")
                .extract().asByteArray();
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).startsWith("0008NAK\nPACK");
    }

    @Test
    void refusalsCarryTheHfHeadersAndAMessageGitShows() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        given().queryParam("service", "git-upload-pack").get("/" + repo.user() + "/missing/info/refs")
                .then().statusCode(401).header("X-Error-Code", "RepoNotFound")
                .header("WWW-Authenticate", "Basic realm=\"Stoa\"")
                .contentType(containsString("text/plain"))
                .body(containsString("not found"));
        given().auth().preemptive().basic("git", repo.token()).queryParam("service", "git-upload-pack")
                .get("/" + repo.user() + "/missing.git/info/refs")
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        given().get("/" + repo.urlPath() + "/info/refs")
                .then().statusCode(400).body(containsString("?service=git-upload-pack"));
        given().auth().preemptive().basic("git", "stoa_notAToken00000000000000000000000000")
                .queryParam("service", "git-upload-pack").get("/" + repo.urlPath() + "/info/refs")
                .then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"Stoa\"")
                .header("X-Error-Message", equalTo("Invalid credentials in Authorization header"));
        given().contentType("application/x-git-receive-pack-request").body(new byte[]{'0', '0', '0', '0'})
                .post("/" + repo.urlPath() + "/git-receive-pack")
                .then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"Stoa\"");
    }

    @Test
    void gitPathsAreHuggingFaceRoutesAndNothingElseBelowARepository() {
        assertThat(dev.stoa.hub.error.ApiFamily.of("/ns/name/info/refs")).isEqualTo(dev.stoa.hub.error.ApiFamily.HF);
        assertThat(dev.stoa.hub.error.ApiFamily.of("/datasets/ns/name/git-upload-pack")).isEqualTo(dev.stoa.hub.error.ApiFamily.HF);
        assertThat(dev.stoa.hub.error.ApiFamily.of("/ns/name/git-receive-pack")).isEqualTo(dev.stoa.hub.error.ApiFamily.HF);
        assertThat(dev.stoa.hub.error.ApiFamily.of("/ns/name")).isEqualTo(dev.stoa.hub.error.ApiFamily.PORTAL);
        assertThat(dev.stoa.hub.error.ApiFamily.of("/ns/name/tree/main")).isEqualTo(dev.stoa.hub.error.ApiFamily.PORTAL);
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        given().get("/" + repo.urlPath() + "/info/other").then().statusCode(404);
        given().get("/" + repo.urlPath() + "/git-upload-pack").then().statusCode(405);
    }

    private static String pktLine(String payload) {
        return String.format("%04x", payload.length() + 4) + payload;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }
}
