package dev.stoa.hub.repo;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.testing.ClientAddress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class CommitHistoryApiTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void listsCommitsNewestFirstWithTitleMessageAuthorAndDate() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = RefsFixture.head(repo, "main");
        String second = commit(repo, "main", new TestRepos.Ndjson()
                .line("header", java.util.Map.of("summary", "Add weights", "description", "Trained for 3 epochs.\nOn 2 GPUs."))
                .file("a.txt", "a"));

        given().get("/api/models/" + repo.id() + "/commits/main").then().statusCode(200)
                .body("id", equalTo(List.of(second, first)))
                .body("[0].title", equalTo("Add weights"))
                .body("[0].message", equalTo("Trained for 3 epochs.\nOn 2 GPUs."))
                .body("[0].authors[0].user", equalTo(repo.user()))
                .body("[0].date", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("[1].title", equalTo("initial commit"))
                .body("[1].message", equalTo(""));
        given().get("/api/models/" + repo.id() + "/commits/" + first).then().statusCode(200).body("id", equalTo(List.of(first)));
    }

    @Test
    void followsAbsoluteNextLinksBuiltFromTheBaseUrlThroughEveryPage() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        given().urlEncodingEnabled(false).auth().oauth2(repo.token()).contentType("application/json").body("{}")
                .post("/api/datasets/" + repo.id() + "/branch/topic%2Fpages").then().statusCode(200);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.addFirst(commit(repo, "topic%2Fpages".replace("%2F", "/"), ndjson("Commit " + i).file("f" + i, "x")));
        }
        made.add(RefsFixture.head(repo, "main"));

        List<String> seen = new ArrayList<>();
        String url = "/api/datasets/" + repo.id() + "/commits/topic%2Fpages?limit=2";
        int pages = 0;
        while (url != null) {
            Response page = given().urlEncodingEnabled(false).get(url);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("id"));
            pages++;
            String link = page.header("Link");
            if (link == null) {
                url = null;
            } else {
                Matcher next = NEXT.matcher(link);
                assertThat(next.matches()).as(link).isTrue();
                assertThat(next.group(1)).startsWith(ClientAddress.base() + "/api/datasets/" + repo.id() + "/commits/topic%2Fpages?p=");
                url = next.group(1);
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(made);
    }

    @Test
    void unknownRevisionsAndHiddenReposAnswerWithTheirErrorCodes() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/commits/nope")
                .then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/commits/" + "0".repeat(40))
                .then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        given().get("/api/models/" + repo.id() + "/commits/main").then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(TestAccounts.tokenOf(TestAccounts.newUser(), "read")).get("/api/models/" + repo.id() + "/commits/main")
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(TestAccounts.tokenOf(repo.user(), "read")).get("/api/models/" + repo.id() + "/commits/main")
                .then().statusCode(200);
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/commits/main?limit=0")
                .then().statusCode(400);
    }
}
