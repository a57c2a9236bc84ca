package dev.stoa.hub.web.repo;

import dev.stoa.hub.testing.Eventually;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Commit history, one commit's changed files, and the checks tab. */
@QuarkusTest
class RepoHistoryPageTest {

    @Test
    void theCommitUrlOfTheCommitApiOpensThePageOfItsChangedFiles() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("First files").file("README.md", "# One\n").file("old.txt", "old")
                .file("config.json", "{}"));
        String url = TestRepos.postCommit(repo.token(), repo, "main", TestRepos.ndjson("Change <things>")
                        .file("config.json", "{\"a\": 1}").file("new.txt", "new").delete("old.txt"))
                .then().statusCode(200).extract().path("commitUrl");
        String oid = url.substring(url.lastIndexOf('/') + 1);

        String page = given().get(URI.create(url).getPath()).then().statusCode(200).extract().asString();
        assertThat(page).contains("Change &lt;things&gt;", oid)
                .containsPattern("added</span></td>\\s*<td class=\"mono\"><a href=\"/" + repo.id() + "/blob/" + oid + "/new.txt\">new.txt</a>")
                .containsPattern("modified</span></td>\\s*<td class=\"mono\"><a href=\"/" + repo.id() + "/blob/" + oid + "/config.json\">config.json</a>")
                .containsPattern("deleted</span></td>\\s*<td class=\"mono\"><a href=\"/" + repo.id() + "/blob/[0-9a-f]{40}/old.txt\">old.txt</a>")
                .contains("3 changed files")
                .doesNotContain("README.md</a>"); // unchanged
        given().get("/" + repo.id() + "/commit/" + "0".repeat(40)).then().statusCode(404);
    }

    @Test
    void everyTabOfADatasetLivesUnderDatasets() {
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        String url = TestRepos.postCommit(dataset.token(), dataset, "main", TestRepos.ndjson("Add the split")
                        .file("README.md", "# Data\n").file("data/train.csv", "a,b\n1,2\n"))
                .then().statusCode(200).extract().path("commitUrl");
        String prefix = "/datasets/" + dataset.id();
        assertThat(URI.create(url).getPath()).startsWith(prefix + "/commit/");
        given().get(URI.create(url).getPath()).then().statusCode(200)
                .body(containsString("href=\"" + prefix + "/blob/"))
                .body(containsString("data/train.csv"));
        given().get(prefix + "/tree/main").then().statusCode(200)
                .body(containsString("href=\"" + prefix + "/tree/main/data\">data/</a>"))
                .body(containsString("aria-current=\"page\">Files and versions"));
        given().get(prefix + "/tree/main/data").then().statusCode(200)
                .body(containsString("href=\"" + prefix + "/resolve/main/data/train.csv?download=true\""));
        given().get(prefix + "/blob/main/data/train.csv").then().statusCode(200).body(containsString("a,b"));
        given().get(prefix + "/commits/main").then().statusCode(200).body(containsString("Add the split"));
        given().get(prefix + "/checks").then().statusCode(200).body(containsString("aria-current=\"page\">Checks"));
        given().get("/" + dataset.id() + "/tree/main").then().statusCode(401); // no model of that name
    }

    @Test
    void theHistoryIsPaginatedAndCanFollowOnePath() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        for (int i = 1; i <= RepoCommitsController.PAGE_SIZE + 1; i++) {
            TestRepos.commit(repo, "main", TestRepos.ndjson("Commit number " + i).file(i % 2 == 0 ? "even.txt" : "odd.txt", "v" + i));
        }
        String first = given().get("/" + repo.id() + "/commits/main").then().statusCode(200).extract().asString();
        assertThat(first).contains("Commit number 31", "Commit number 2<", "href=\"/" + repo.id() + "/commits/main?p=1\"",
                "aria-current=\"page\">Commits").doesNotContain("Commit number 1<");
        given().get("/" + repo.id() + "/commits/main?p=1").then().statusCode(200)
                .body(containsString("Commit number 1<"))
                .body(containsString("initial commit"))
                .body(containsString("href=\"/" + repo.id() + "/commits/main\""))
                .body(not(containsString("Commit number 31")));
        given().get("/" + repo.id() + "/commits/main/even.txt").then().statusCode(200)
                .body(containsString("Commit number 30<"))
                .body(not(containsString("Commit number 31<")))
                .body(containsString("History of"));
        given().get("/" + repo.id() + "/commits/nope").then().statusCode(404);
    }

    @Test
    void theChecksTabShowsTheVerdictsOfTheBuiltInPluginsForACommit() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String commit = TestRepos.commit(repo, "main", TestRepos.ndjson("checked").file("README.md",
                "---\nlicense: apache-2.0\n---\n# Checked model\n").file("config.json", "{}"));
        List<Map<String, Object>> runs = awaitFinishedChecks(repo);
        assertThat(runs).extracting(run -> (String) run.get("plugin")).contains("card-check", "license-policy");

        String page = given().get("/" + repo.id() + "/checks").then().statusCode(200).extract().asString();
        assertThat(page).contains(commit.substring(0, 10), "aria-current=\"page\">Checks");
        assertThat(page).doesNotContain("Exception"); // a plugin's error text is for the repository's writers only
        for (Map<String, Object> run : runs) {
            assertThat(page).contains((String) run.get("check"), ">" + run.get("verdict") + "<",
                    "/api/v1/repos/models/" + repo.id() + "/checks/" + run.get("id"));
        }
        given().get("/" + repo.id() + "/checks?revision=" + commit).then().statusCode(200)
                .body(containsString((String) runs.getFirst().get("check")));
        given().get("/" + repo.id() + "/checks?revision=nope").then().statusCode(404);
    }

    private static List<Map<String, Object>> awaitFinishedChecks(TestRepos.Owned repo) {
        return Eventually.await("The checks of " + repo.id(),
                () -> given().get("/api/v1/repos/models/" + repo.id() + "/checks").then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("checks"),
                runs -> runs.stream().anyMatch(r -> r.get("plugin").equals("license-policy"))
                        && runs.stream().allMatch(r -> List.of("succeeded", "failed", "cancelled").contains(r.get("status"))));
    }
}
