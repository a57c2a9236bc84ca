package dev.stoa.hub.hf;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
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
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class RepoListApiTest {

    private static final Pattern NEXT = Pattern.compile("<(.+)>; rel=\"next\"");

    @Test
    void pagesFollowAnAbsoluteLinkFromTheConfiguredBaseUrl() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(TestRepos.create(token, user, "model", false));
        }
        Response first = given().queryParam("author", user).queryParam("sort", "createdAt").queryParam("direction", "-1")
                .queryParam("limit", 2).get("/api/models");
        first.then().statusCode(200);
        assertThat(first.jsonPath().getList("id", String.class)).containsExactly(created.get(2), created.get(1));
        String link = first.header("Link");
        Matcher next = NEXT.matcher(link);
        assertThat(next.matches()).as(link).isTrue();
        assertThat(next.group(1)).startsWith(ClientAddress.base() + "/api/models?").contains("author=" + user).contains("cursor=");
        String path = next.group(1);
        Response second = given().urlEncodingEnabled(false).get(path);
        second.then().statusCode(200);
        assertThat(second.jsonPath().getList("id", String.class)).containsExactly(created.get(0));
        assertThat(second.header("Link")).isNull();

        Response ascending = given().queryParam("author", user).queryParam("sort", "createdAt").queryParam("direction", "1")
                .get("/api/models");
        assertThat(ascending.jsonPath().getList("id", String.class)).containsExactlyElementsOf(created);
    }

    @Test
    void searchFilterAndSortNarrowTheList() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Card").file("README.md", "---\nlicense: mit\nlibrary_name: diffusers\ntags:\n- pixel-art\n---\n"));
        String other = TestRepos.create(repo.token(), repo.user(), "model", false);
        String name = repo.id().split("/")[1];

        assertThat(ids(given().queryParam("search", name.toUpperCase()))).containsExactly(repo.id());
        assertThat(ids(given().queryParam("author", repo.user()).queryParam("filter", "pixel-art")
                .queryParam("filter", "license:mit"))).containsExactly(repo.id());
        assertThat(ids(given().queryParam("author", repo.user()).queryParam("filter", "diffusers"))).containsExactly(repo.id());
        assertThat(ids(given().queryParam("author", repo.user()).queryParam("filter", "license:apache-2.0"))).isEmpty();
        assertThat(ids(given().queryParam("author", repo.user()).queryParam("sort", "lastModified")))
                .containsExactlyInAnyOrder(repo.id(), other);
        for (String sort : List.of("downloads", "likes", "trendingScore")) {
            assertThat(ids(given().queryParam("author", repo.user()).queryParam("sort", sort))).hasSize(2);
        }
        given().queryParam("sort", "random").get("/api/models").then().statusCode(400)
                .header("X-Error-Message", containsString("downloads"));
        given().queryParam("limit", "many").get("/api/models").then().statusCode(400);
        given().queryParam("cursor", "garbage").get("/api/models").then().statusCode(400);
    }

    @Test
    void listEntriesCarryCardDataAndSiblingsWhenAskedFor() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Card").file("README.md", "---\nlicense: mit\n---\n"));
        Response plain = given().queryParam("author", repo.user()).get("/api/models");
        assertThat(plain.jsonPath().getString("[0].id")).isEqualTo(repo.id());
        assertThat(plain.jsonPath().getMap("[0]")).doesNotContainKeys("siblings", "cardData");
        Response full = given().queryParam("author", repo.user()).queryParam("full", "True").queryParam("cardData", "true")
                .get("/api/models");
        assertThat(full.jsonPath().getString("[0].sha")).isEqualTo(oid);
        assertThat(full.jsonPath().getList("[0].siblings.rfilename", String.class)).contains("README.md");
        assertThat(full.jsonPath().getString("[0].cardData.license")).isEqualTo("mit");
        Response expanded = given().queryParam("author", repo.user()).queryParam("expand", "likes").queryParam("expand", "nope")
                .get("/api/models");
        assertThat(expanded.jsonPath().getMap("[0]")).containsOnlyKeys("_id", "id", "modelId", "likes");
    }

    @Test
    void privateRepositoriesAreListedOnlyForThoseWhoMayReadThem() {
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        String shown = TestRepos.create(hidden.token(), hidden.user(), "model", false);
        assertThat(ids(given().queryParam("author", hidden.user()))).containsExactly(shown);
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        assertThat(ids(given().auth().oauth2(stranger).queryParam("author", hidden.user()))).containsExactly(shown);
        assertThat(ids(given().auth().oauth2(hidden.token()).queryParam("author", hidden.user())))
                .containsExactlyInAnyOrder(shown, hidden.id());
        assertThat(ids(given().auth().oauth2(TestAccounts.ADMIN_TOKEN).queryParam("author", hidden.user())))
                .containsExactlyInAnyOrder(shown, hidden.id());
    }

    @Test
    void datasetsHaveTheirOwnList() {
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        commit(dataset, "main", ndjson("Card").file("README.md", "---\ntask_categories:\n- translation\n---\n"));
        assertThat(given().queryParam("author", dataset.user()).get("/api/datasets").jsonPath().getList("id", String.class))
                .containsExactly(dataset.id());
        assertThat(given().queryParam("author", dataset.user()).queryParam("filter", "task_categories:translation")
                .get("/api/datasets").jsonPath().getList("id", String.class)).containsExactly(dataset.id());
        assertThat(ids(given().queryParam("author", dataset.user()))).isEmpty();
    }

    private static List<String> ids(io.restassured.specification.RequestSpecification request) {
        return request.get("/api/models").then().statusCode(200).extract().jsonPath().getList("id", String.class);
    }
}
