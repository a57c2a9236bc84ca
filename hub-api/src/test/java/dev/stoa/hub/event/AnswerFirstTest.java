package dev.stoa.hub.event;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code stoa.events.deliver-before-answer=false} a commit is answered as soon as it is committed, and the
 * dispatcher's workers deliver its reactions moments later: the card's metadata, the check runs and the audit records
 * of the commit and of the repository's creation all arrive, each once.
 */
@QuarkusTest
@TestProfile(AnswerFirstTest.AnswerFirst.class)
class AnswerFirstTest {

    public static class AnswerFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stoa.events.deliver-before-answer", "false");
        }
    }

    @Test
    void theWorkersDeliverWhatTheRequestLeft() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String commit = TestRepos.commit(repo, "main", ndjson("A card").file("README.md", "---\nlicense: mit\n---\n# Hello\n"));

        Eventually.await("the card's licence in model info", () -> given().auth().oauth2(repo.token())
                .get("/api/models/" + repo.id()).then().statusCode(200).extract().jsonPath().getString("cardData.license"),
                "mit"::equals);
        List<String> checks = Eventually.await("the commit's check runs", () -> given().auth().oauth2(repo.token())
                        .get("/api/v1/repos/models/" + repo.id() + "/checks?revision=" + commit).then().statusCode(200)
                        .extract().jsonPath().<String>getList("checks.check"),
                names -> !names.isEmpty());
        assertThat(checks).doesNotHaveDuplicates();
        JsonPath audit = Eventually.await("the commit's audit record", () -> given().auth().oauth2(TestAccounts.ADMIN_TOKEN)
                        .get("/api/v1/audit?target=" + repo.id() + "*").then().statusCode(200).extract().jsonPath(),
                page -> page.getList("events.after.commit").contains(commit));
        assertThat(audit.getList("events.action", String.class)).containsOnlyOnce("repo.created").containsOnlyOnce("ref.updated");
    }
}
