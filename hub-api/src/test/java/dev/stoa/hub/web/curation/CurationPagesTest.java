package dev.stoa.hub.web.curation;

import dev.stoa.hub.curation.Curations;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The curation pages: submit from the repository, review in the queue, decide, and the badge and home picks that follow. */
@QuarkusTest
class CurationPagesTest {

    @Test
    void anOwnerSubmitsACuratorReviewsTheChecksSideBySideAndApprovesAndTheRepositoryShowsCurated() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        Curations.cleanCommit(repo, "portal");
        String url = "/" + repo.id() + "/curation";
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        assertThat(owner.page().get(url).then().statusCode(200).extract().asString())
                .contains("Submit for curation").contains("No revision of this repository was submitted yet");
        String location = owner.form().formParam("revision", "main").formParam("note", "<b>please</b> & thanks")
                .redirects().follow(false).post(url).then().statusCode(303).extract().header("Location");
        assertThat(location).matches(".*/curation/[0-9]+$");
        String requestPath = location.replaceFirst("^https?://[^/]+", "");

        // the queue: curators only
        given().redirects().follow(false).get("/curation").then().statusCode(401);
        PortalForms.signIn(TestAccounts.newUser()).page().get("/curation").then().statusCode(403);
        String curatorName = TestAccounts.newUser();
        TestOrgs.setPlatformRole(curatorName, "curator");
        PortalForms.SignedIn curator = PortalForms.signIn(curatorName);
        String queue = curator.page().queryParam("after", Long.parseLong(requestPath.replaceAll(".*/", "")) - 1)
                .get("/curation").then().statusCode(200).extract().asString();
        assertThat(queue).contains(repo.id()).contains("test-checks/file-names").contains("Eligible")
                .contains("&lt;b&gt;please&lt;/b&gt; &amp; thanks").doesNotContain("<b>please</b>");

        // the owner sees the request but no decision form; the curator decides
        assertThat(owner.page().get(requestPath).then().statusCode(200).extract().asString())
                .contains("pending").doesNotContain("value=\"approve\"");
        assertThat(curator.page().get(requestPath).then().statusCode(200).extract().asString())
                .contains("name=\"action\" value=\"approve\"").contains("The policy allows approving this revision");
        curator.form().formParam("action", "approve").formParam("comment", "fine")
                .redirects().follow(false).post(requestPath).then().statusCode(303);
        String decided = owner.page().get(requestPath).then().statusCode(200).extract().asString();
        assertThat(decided).contains("approved").contains("curated/1").contains("fine");

        String card = given().get("/" + repo.id()).then().statusCode(200).extract().asString();
        assertThat(card).contains(">Curated</a>").contains("/tree/curated%2F1");
        String home = given().get("/").then().statusCode(200).extract().asString();
        String picks = home.substring(home.indexOf("Curators' picks"), home.indexOf("Recently updated"));
        assertThat(picks).contains(repo.id()).contains("badge ok\">Curated");

        // hidden repositories stay hidden
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        PortalForms.SignedIn stranger = PortalForms.signIn(TestAccounts.newUser());
        stranger.page().get("/" + hidden.id() + "/curation").then().statusCode(404);
        stranger.form().formParam("revision", "main").redirects().follow(false).post("/" + hidden.id() + "/curation")
                .then().statusCode(404);
        stranger.form().formParam("revision", "main").redirects().follow(false).post(url).then().statusCode(403);
    }
}
