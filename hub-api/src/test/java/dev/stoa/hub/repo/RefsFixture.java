package dev.stoa.hub.repo;

import dev.stoa.hub.identity.TestAccounts;

import java.util.List;

import static io.restassured.RestAssured.given;

/** Reads a repository's refs through the HF refs route, as a client sees them. */
final class RefsFixture {

    private RefsFixture() {
    }

    /** The commit branch {@code branch} points at. */
    static String head(TestRepos.Owned repo, String branch) {
        List<String> heads = given().auth().oauth2(TestAccounts.ADMIN_TOKEN)
                .get("/api/" + repo.plural() + "/" + repo.id() + "/refs")
                .then().statusCode(200).extract().path("branches.findAll { it.name == '" + branch + "' }.targetCommit");
        if (heads.size() != 1) {
            throw new AssertionError("no branch " + branch + " in " + repo.id());
        }
        return heads.getFirst();
    }

    static List<String> branches(TestRepos.Owned repo) {
        return given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/" + repo.plural() + "/" + repo.id() + "/refs")
                .then().statusCode(200).extract().path("branches.name");
    }
}
