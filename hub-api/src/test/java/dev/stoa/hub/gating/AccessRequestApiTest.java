package dev.stoa.hub.gating;

import dev.stoa.hub.gating.GatedRepos.Gated;
import dev.stoa.hub.gating.GatedRepos.User;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.gating.GatedRepos.answers;
import static dev.stoa.hub.gating.GatedRepos.as;
import static dev.stoa.hub.gating.GatedRepos.base;
import static dev.stoa.hub.gating.GatedRepos.get;
import static dev.stoa.hub.gating.GatedRepos.grant;
import static dev.stoa.hub.gating.GatedRepos.handle;
import static dev.stoa.hub.gating.GatedRepos.head;
import static dev.stoa.hub.gating.GatedRepos.list;
import static dev.stoa.hub.gating.GatedRepos.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The access-request routes: who may call each one, and the refusals huggingface_hub documents. */
@QuarkusTest
class AccessRequestApiTest {

    @Test
    void onlyWritersListDecideGrantAndExport() {
        TestRepos.Owned repo = GatedRepos.newGated("model", false, "manual").repo();
        User stranger = User.create();
        String ownerReadOnly = TestAccounts.tokenOf(repo.user(), "read");
        for (String token : new String[]{null, stranger.token(), ownerReadOnly}) {
            int status = token == null ? 401 : 403;
            list(token, repo, "pending").then().statusCode(status);
            handle(token, repo, Map.of("user", stranger.name(), "status", "accepted")).then().statusCode(status);
            grant(token, repo, stranger.name()).then().statusCode(status);
            as(token).get(base(repo) + "/export").then().statusCode(status);
        }
        list(null, repo, "accepted").then().header("X-Error-Code", "RepoNotFound");
        // Asking needs a signed-in user with a token that may change things.
        request(null, repo, answers()).then().statusCode(401);
        as(null).post(base(repo) + "/cancel").then().statusCode(401);
        request(TestAccounts.tokenOf(stranger.name(), "read"), repo, answers()).then().statusCode(403)
                .header("X-Error-Message", containsString("read-only"));
        // The form is for everyone who can read the repository.
        as(null).get(base(repo) + "/form").then().statusCode(200).body("prompt", equalTo(GatedRepos.PROMPT))
                .body("yourAccess", nullValue());
        list(repo.token(), repo, "pending").then().statusCode(200);
        as(null).get(base(repo) + "/unknown").then().statusCode(404);
    }

    @Test
    void aPrivateGatedRepositoryIsNotFoundForOutsiders() {
        Gated gated = GatedRepos.newGated("model", true, "manual");
        TestRepos.Owned repo = gated.repo();
        User stranger = User.create();
        as(stranger.token()).get(base(repo) + "/form").then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        request(stranger.token(), repo, answers()).then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        list(stranger.token(), repo, "pending").then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        handle(stranger.token(), repo, Map.of("user", stranger.name(), "status", "accepted")).then().statusCode(404);
        grant(stranger.token(), repo, stranger.name()).then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        as(stranger.token()).get(base(repo) + "/export").then().statusCode(404);
        head(stranger.token(), repo, "config.json").then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        get(stranger.token(), repo, "README.md").then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        head(null, repo, "config.json").then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        LfsClient.batch(repo.urlPath(), stranger.token(), "download", List.of("basic"),
                LfsClient.object(gated.weightsOid(), gated.weights().length)).then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        // The owner downloads; a grant does not make a private repository readable: visibility comes first.
        get(repo.token(), repo, "config.json").then().statusCode(200);
        grant(repo.token(), repo, stranger.name()).then().statusCode(200);
        head(stranger.token(), repo, "config.json").then().statusCode(404).header("X-Error-Code", "RepoNotFound");
    }

    @Test
    void grantGivesAccessWithoutARequestAndPendingTakesItBack() {
        TestRepos.Owned repo = GatedRepos.newGated("model", false, "manual").repo();
        User user = User.create();
        grant(repo.token(), repo, user.name()).then().statusCode(200);
        get(user.token(), repo, "config.json").then().statusCode(200);
        list(repo.token(), repo, "accepted").then().body("", hasSize(1)).body("[0].user.user", equalTo(user.name()))
                .body("[0].user.email", nullValue()).body("[0].fields", nullValue()).body("[0].grantedBy.user", equalTo(repo.user()));
        grant(repo.token(), repo, user.name()).then().statusCode(400).header("X-Error-Code", "AlreadyHasAccess");
        grant(repo.token(), repo, repo.user()).then().statusCode(400).header("X-Error-Code", "AlreadyHasAccess");
        grant(repo.token(), repo, "nobody-" + TestAccounts.randomName("x")).then().statusCode(404).header("X-Error-Code", "UserNotFound");
        as(repo.token()).contentType(ContentType.JSON).body(Map.of()).post(base(repo) + "/grant").then().statusCode(400).header("X-Error-Message", containsString("user"));

        handle(repo.token(), repo, Map.of("user", user.name(), "status", "pending")).then().statusCode(200);
        head(user.token(), repo, "config.json").then().statusCode(403).header("X-Error-Code", "GatedRepo")
                .header("X-Error-Message", containsString("awaiting a review"));
        list(repo.token(), repo, "pending").then().body("[0].user.user", equalTo(user.name())).body("[0].reviewedAt", nullValue());
        // Granting a pending user accepts them.
        grant(repo.token(), repo, user.name()).then().statusCode(200);
        head(user.token(), repo, "config.json").then().statusCode(200);
        String export = as(repo.token()).get(base(repo) + "/export").then().statusCode(200).extract().asString();
        assertThat(export.lines().map(line -> line.replaceAll(".*\"action\":\"([a-z]+)\".*", "$1")).toList())
                .containsExactly("granted", "pending", "granted");
    }

    @Test
    void handleRefusesWhatHuggingFaceHubDocuments() {
        TestRepos.Owned repo = GatedRepos.newGated("model", false, "manual").repo();
        User user = User.create();
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "accepted")).then().statusCode(404)
                .header("X-Error-Code", "AccessRequestNotFound");
        handle(repo.token(), repo, Map.of("user", "nobody-" + TestAccounts.randomName("x"), "status", "accepted"))
                .then().statusCode(404).header("X-Error-Code", "UserNotFound");
        request(user.token(), repo, answers()).then().statusCode(200);
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "pending")).then().statusCode(404)
                .header("X-Error-Message", containsString("already pending"));
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "reset")).then().statusCode(400)
                .header("X-Error-Message", containsString("\"accepted\", \"rejected\" or \"pending\""));
        handle(repo.token(), repo, Map.of("status", "accepted")).then().statusCode(400).header("X-Error-Message", containsString("user"));
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "rejected", "rejectionReason", "x".repeat(201)))
                .then().statusCode(400).header("X-Error-Message", containsString("200"));
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "accepted", "rejectionReason", "why"))
                .then().statusCode(400).header("X-Error-Message", containsString("rejectionReason"));
        as(repo.token()).contentType(ContentType.JSON).body("[1]").post(base(repo) + "/handle").then().statusCode(400);
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "accepted")).then().statusCode(200);
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "accepted")).then().statusCode(404);
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "rejected")).then().statusCode(200);
        head(user.token(), repo, "config.json").then().statusCode(403).header("X-Error-Message", containsString("rejected"));
    }

    @Test
    void aRepositoryThatIsNotGatedHasNoRequests() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        User user = User.create();
        list(repo.token(), repo, "pending").then().statusCode(400).header("X-Error-Code", "RepoNotGated");
        grant(repo.token(), repo, user.name()).then().statusCode(400).header("X-Error-Code", "RepoNotGated");
        request(user.token(), repo, Map.of()).then().statusCode(400).header("X-Error-Code", "RepoNotGated");
        as(repo.token()).get(base(repo) + "/form").then().statusCode(200).body("gated", equalTo(false))
                .body("fields", hasSize(0)).body("prompt", containsString("contact information"));
        // Records survive ungating: the export still has them.
        Gated gated = GatedRepos.newGated("model", false, "auto");
        request(user.token(), gated.repo(), answers()).then().statusCode(200);
        GatedRepos.setGated(gated.repo(), false);
        get(null, gated.repo(), "config.json").then().statusCode(200);
        assertThat(as(gated.repo().token()).get(base(gated.repo()) + "/export").then().statusCode(200).extract().asString()
                .lines()).hasSize(2);
    }

    @Test
    void usersWithdrawTheirPendingRequest() {
        TestRepos.Owned repo = GatedRepos.newGated("model", false, "manual").repo();
        User user = User.create();
        as(user.token()).post(base(repo) + "/cancel").then().statusCode(404).header("X-Error-Code", "AccessRequestNotFound");
        request(user.token(), repo, answers()).then().statusCode(200);
        as(user.token()).post(base(repo) + "/cancel").then().statusCode(200).body("ok", equalTo(true));
        list(repo.token(), repo, "pending").then().body("", hasSize(0));
        request(user.token(), repo, answers()).then().statusCode(200).body("status", equalTo("pending"));
        handle(repo.token(), repo, Map.of("user", user.name(), "status", "accepted")).then().statusCode(200);
        as(user.token()).post(base(repo) + "/cancel").then().statusCode(404);
        String export = as(repo.token()).get(base(repo) + "/export").then().extract().asString();
        assertThat(export).contains("\"action\":\"cancelled\"");
    }

    @Test
    void ownersOrganisationMembersAndAdministratorsPassTheGate() {
        String creator = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(creator, "write");
        String org = TestAccounts.randomName("org");
        as(token).contentType(ContentType.JSON).body(Map.of("name", org)).post("/api/v1/organizations").then().statusCode(201);
        String id = TestRepos.create(token, org, "model", false);
        // The repository is the organisation's: its creator downloads as a member, not as its owner.
        TestRepos.Owned repo = new TestRepos.Owned(creator, token, id, "model");
        TestRepos.commit(repo, "main", TestRepos.ndjson("config").file("config.json", "{}").file("README.md", GatedRepos.CARD));
        GatedRepos.setGated(repo, "manual");
        get(token, repo, "config.json").then().statusCode(200);
        get(TestAccounts.tokenOf(creator, "read"), repo, "config.json").then().statusCode(200);
        get(TestAccounts.ADMIN_TOKEN, repo, "config.json").then().statusCode(200);
        request(token, repo, answers()).then().statusCode(400).header("X-Error-Code", "AlreadyHasAccess");
        get(User.create().token(), repo, "config.json").then().statusCode(403).header("X-Error-Code", "GatedRepo");
        Response form = as(token).get(base(repo) + "/form");
        form.then().statusCode(200).body("yourAccess.canDownload", equalTo(true));
    }
}
