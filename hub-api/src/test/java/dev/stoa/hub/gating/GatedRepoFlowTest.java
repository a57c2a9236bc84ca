package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.gating.GatedRepos.Gated;
import dev.stoa.hub.gating.GatedRepos.User;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.gating.GatedRepos.answers;
import static dev.stoa.hub.gating.GatedRepos.as;
import static dev.stoa.hub.gating.GatedRepos.base;
import static dev.stoa.hub.gating.GatedRepos.get;
import static dev.stoa.hub.gating.GatedRepos.handle;
import static dev.stoa.hub.gating.GatedRepos.head;
import static dev.stoa.hub.gating.GatedRepos.list;
import static dev.stoa.hub.gating.GatedRepos.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * A gated repository end to end through the HF routes: listed by everyone, downloaded only after access is granted,
 * and every request and decision in the owner's export.
 */
@QuarkusTest
class GatedRepoFlowTest {

    private static final String ISO_Z = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Test
    void strangersListRequestGetAcceptedAndDownload() throws IOException {
        Gated gated = GatedRepos.newGated("model", false, "manual");
        TestRepos.Owned repo = gated.repo();
        User stranger = User.create();

        // Everyone who can read the repository lists it.
        as(stranger.token()).get("/api/models/" + repo.id()).then().statusCode(200).body("gated", equalTo("manual"))
                .body("siblings.rfilename", org.hamcrest.Matchers.hasItem("model.safetensors"));
        as(null).get("/api/models/" + repo.id() + "/tree/main").then().statusCode(200).body("path", org.hamcrest.Matchers.hasItem("config.json"));
        as(stranger.token()).formParam("paths", "config.json").post("/api/models/" + repo.id() + "/paths-info/main")
                .then().statusCode(200).body("", hasSize(1));
        as(stranger.token()).get("/api/models/" + repo.id() + "/refs").then().statusCode(200);
        as(stranger.token()).get("/api/models/" + repo.id() + "/commits/main").then().statusCode(200);

        // Downloads answer GatedRepo: 403 signed in, 401 anonymous; the card and its terms stay readable.
        for (String path : List.of("config.json", "model.safetensors", "no-such-file", "docs/README.md")) {
            head(stranger.token(), repo, path).then().statusCode(403).header("X-Error-Code", "GatedRepo")
                    .header("X-Error-Message", containsString("not in the authorized list"))
                    .header("X-Error-Message", containsString(base(repo)));
        }
        get(stranger.token(), repo, "config.json").then().statusCode(403).header("X-Error-Code", "GatedRepo")
                .body("error", containsString("Request access"));
        head(null, repo, "config.json").then().statusCode(401).header("X-Error-Code", "GatedRepo")
                .header("X-Error-Message", containsString("signed in"));
        get(null, repo, "README.md").then().statusCode(200).body(containsString("extra_gated_fields"));
        get(stranger.token(), repo, "README.md").then().statusCode(200);
        lfsDownload(stranger.token(), repo, gated).then().statusCode(403).header("X-Error-Code", "GatedRepo")
                .body("message", containsString("not in the authorized list"));
        lfsDownload(null, repo, gated).then().statusCode(401).header("X-Error-Code", "GatedRepo");

        // The form comes from the card, with the terms and the commit they were read from.
        as(stranger.token()).get(base(repo) + "/form").then().statusCode(200)
                .body("gated", equalTo("manual")).body("prompt", equalTo(GatedRepos.PROMPT))
                .body("cardCommit", equalTo(gated.commit()))
                .body("fields.name", org.hamcrest.Matchers.contains("Company", "Country", "Start date", "Purpose", "I agree to the terms"))
                .body("fields[3].options.value", org.hamcrest.Matchers.contains("Research", "other"))
                .body("yourAccess.canDownload", equalTo(false)).body("yourAccess.status", equalTo(null));

        // Every field is required and checked; the 400 names the field.
        Map<String, Object> missing = answers();
        missing.remove("Country");
        request(stranger.token(), repo, missing).then().statusCode(400).header("X-Error-Message", containsString("Country"));
        Map<String, Object> unchecked = answers();
        unchecked.put("I agree to the terms", false);
        request(stranger.token(), repo, unchecked).then().statusCode(400).header("X-Error-Message", containsString("I agree to the terms"));
        Map<String, Object> badChoice = answers();
        badChoice.put("Purpose", "Mining");
        request(stranger.token(), repo, badChoice).then().statusCode(400).header("X-Error-Message", containsString("Purpose"));
        Map<String, Object> badDate = answers();
        badDate.put("Start date", "yesterday");
        request(stranger.token(), repo, badDate).then().statusCode(400).header("X-Error-Message", containsString("YYYY-MM-DD"));
        list(repo.token(), repo, "pending").then().statusCode(200).body("", hasSize(0));

        // A valid request waits for the owner.
        request(stranger.token(), repo, answers()).then().statusCode(200).body("status", equalTo("pending"));
        head(stranger.token(), repo, "config.json").then().statusCode(403).header("X-Error-Code", "GatedRepo")
                .header("X-Error-Message", containsString("awaiting a review"));
        JsonPath pending = list(repo.token(), repo, "pending").then().statusCode(200).body("", hasSize(1)).extract().jsonPath();
        assertThat(pending.getString("[0].user.user")).isEqualTo(stranger.name());
        assertThat(pending.getString("[0].user.email")).isEqualTo(stranger.name() + "@example.org");
        assertThat(pending.getMap("[0].user")).containsKey("fullname");
        assertThat(pending.getString("[0].status")).isEqualTo("pending");
        assertThat(pending.getString("[0].timestamp")).matches(ISO_Z);
        assertThat(pending.getString("[0].fields.Company")).isEqualTo("Acme");
        assertThat(pending.getBoolean("[0].fields.'I agree to the terms'")).isTrue();

        // The owner accepts: resolve, LFS batch and the transfer link all work.
        handle(repo.token(), repo, Map.of("user", stranger.name(), "status", "accepted")).then().statusCode(200);
        list(repo.token(), repo, "pending").then().body("", hasSize(0));
        list(repo.token(), repo, "accepted").then().statusCode(200).body("", hasSize(1))
                .body("[0].user.user", equalTo(stranger.name())).body("[0].grantedBy.user", equalTo(repo.user()))
                .body("[0].reviewedAt", matchesPattern(ISO_Z));
        get(stranger.token(), repo, "config.json").then().statusCode(200).body(containsString("gpt2"));
        head(stranger.token(), repo, "model.safetensors").then().statusCode(200)
                .header("X-Linked-Size", String.valueOf(gated.weights().length));
        String href = lfsDownload(stranger.token(), repo, gated).then().statusCode(200)
                .extract().path("objects[0].actions.download.href");
        HttpResponse<byte[]> bytes = LfsClient.get(href, null);
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(gated.weights());
        as(stranger.token()).get(base(repo) + "/form").then().body("yourAccess.canDownload", equalTo(true))
                .body("yourAccess.status", equalTo("accepted"));

        // Another user is rejected, with a reason, and stays rejected when asking again.
        User other = User.create();
        request(other.token(), repo, answers()).then().statusCode(200).body("status", equalTo("pending"));
        handle(repo.token(), repo, Map.of("user", other.name(), "status", "rejected", "rejectionReason", "Not a research lab"))
                .then().statusCode(200);
        list(repo.token(), repo, "rejected").then().body("", hasSize(1)).body("[0].user.user", equalTo(other.name()));
        head(other.token(), repo, "config.json").then().statusCode(403).header("X-Error-Code", "GatedRepo")
                .header("X-Error-Message", containsString("rejected"));
        request(other.token(), repo, answers()).then().statusCode(403).header("X-Error-Code", "AccessRequestRejected")
                .header("X-Error-Message", containsString("Not a research lab"));

        // The export has every request and decision, with the terms each user accepted and who decided.
        Response export = as(repo.token()).get(base(repo) + "/export");
        export.then().statusCode(200).contentType(containsString("application/x-ndjson"))
                .header("Content-Disposition", containsString(".jsonl"));
        List<JsonNode> records = new ArrayList<>();
        for (String line : export.asString().split("\n")) {
            records.add(new ObjectMapper().readTree(line));
        }
        assertThat(records).extracting(r -> r.get("action").asText() + " " + r.get("user").get("name").asText())
                .containsExactly("requested " + stranger.name(), "accepted " + stranger.name(),
                        "requested " + other.name(), "rejected " + other.name());
        JsonNode requested = records.get(0);
        assertThat(requested.get("fields").get("Country").asText()).isEqualTo("France");
        assertThat(requested.get("terms").get("prompt").asText()).isEqualTo(GatedRepos.PROMPT);
        assertThat(requested.get("terms").get("cardCommit").asText()).isEqualTo(gated.commit());
        assertThat(requested.get("user").get("email").asText()).isEqualTo(stranger.name() + "@example.org");
        assertThat(requested.get("at").asText()).matches(ISO_Z);
        assertThat(records.get(1).get("by").get("name").asText()).isEqualTo(repo.user());
        assertThat(records.get(1).get("terms").get("cardCommit").asText()).isEqualTo(gated.commit());
        assertThat(records.get(3).get("reason").asText()).isEqualTo("Not a research lab");
        String csv = as(repo.token()).queryParam("format", "csv").get(base(repo) + "/export")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(5);
        assertThat(csv).startsWith("at,action,status,repo,user,email,fields,terms_prompt,card_commit,by,reason\r\n")
                .contains("Not a research lab").contains(gated.commit());
    }

    @Test
    void autoGatingAcceptsAtOnceAndStillRecordsTheTerms() {
        Gated gated = GatedRepos.newGated("dataset", false, "auto");
        TestRepos.Owned repo = gated.repo();
        User user = User.create();
        head(user.token(), repo, "config.json").then().statusCode(403).header("X-Error-Code", "GatedRepo");
        request(user.token(), repo, Map.of("Company", "Acme")).then().statusCode(400).header("X-Error-Message", containsString("Country"));
        request(user.token(), repo, answers()).then().statusCode(200).body("status", equalTo("accepted"));
        get(user.token(), repo, "config.json").then().statusCode(200);
        list(repo.token(), repo, "accepted").then().body("", hasSize(1)).body("[0].user.user", equalTo(user.name()))
                .body("[0].fields.Purpose", equalTo("Research"));
        // Asking again changes nothing.
        request(user.token(), repo, answers()).then().statusCode(200).body("status", equalTo("accepted"));
        String export = as(repo.token()).get(base(repo) + "/export").then().statusCode(200).extract().asString();
        assertThat(export.split("\n")).hasSize(2);
        assertThat(export).contains("\"action\":\"requested\"").contains("\"action\":\"accepted\"")
                .contains("\"by\":null").contains(GatedRepos.PROMPT);
    }

    private static Response lfsDownload(String token, TestRepos.Owned repo, Gated gated) {
        return LfsClient.batch(repo.urlPath(), token, "download", List.of("basic"),
                LfsClient.object(gated.weightsOid(), gated.weights().length));
    }
}
