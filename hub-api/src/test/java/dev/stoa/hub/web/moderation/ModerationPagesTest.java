package dev.stoa.hub.web.moderation;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import dev.stoa.hub.web.PortalForms.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moderation pages: the report form and quarantine notice on a repository page, the moderators' queue where a
 * report is decided and a quarantine lifted, and the reporter's page with the outcome.
 */
@QuarkusTest
class ModerationPagesTest {

    @Test
    void aReportGoesFromTheRepositoryPageThroughTheQueueToTheReportersPage() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("model").file("README.md", "# Model\n").file("bad <b>&\".bin", "x"));
        String reporterName = TestAccounts.newUser();
        SignedIn reporter = PortalForms.signIn(reporterName);
        String moderatorName = TestAccounts.newUser();
        TestOrgs.setPlatformRole(moderatorName, "moderator");
        SignedIn moderator = PortalForms.signIn(moderatorName);

        // anonymous visitors are offered sign-in, signed-in ones the form
        assertThat(given().get("/" + repo.id()).then().statusCode(200).extract().asString())
                .contains("Report this repository").contains("/login?next=").doesNotContain("quarantine-heading");
        String page = reporter.page().get("/" + repo.id()).then().statusCode(200).extract().asString();
        assertThat(page).contains("action=\"/" + repo.id() + "/report\"").contains("<label for=\"report-details\">");

        PortalForms.form().formParam("reason", "spam").formParam("details", "x").redirects().follow(false)
                .post("/" + repo.id() + "/report").then().statusCode(401);
        String location = reporter.form().formParam("reason", "malware").formParam("details", "<script>alert(1)</script> & co")
                .formParam("path", "bad <b>&\".bin").redirects().follow(false).post("/" + repo.id() + "/report")
                .then().statusCode(303).extract().header("Location");
        assertThat(location).endsWith("/" + repo.id() + "?reported=1#report");
        assertThat(reporter.page().get("/" + repo.id() + "?reported=1").then().statusCode(200).extract().asString())
                .contains("Thank you: moderators will look at your report");

        // the queue: moderators only
        given().get("/moderation").then().statusCode(401);
        reporter.page().get("/moderation").then().statusCode(403);
        String queue = moderator.page().get("/moderation").then().statusCode(200).extract().asString();
        assertThat(queue).contains(repo.id()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
                .doesNotContain("<script>alert(1)</script>").contains("bad &lt;b&gt;&amp;&quot;.bin").contains(reporterName);
        long id = given().auth().oauth2(TestAccounts.tokenOf(moderatorName, "read")).get("/api/v1/moderation/reports?status=open")
                .then().statusCode(200).extract().jsonPath().getLong("find { it.repo == '" + repo.id() + "' }.id");

        reporter.form().formParam("action", "quarantine").formParam("message", "x").redirects().follow(false)
                .post("/moderation/reports/" + id).then().statusCode(403);
        moderator.form().formParam("action", "quarantine").formParam("message", "Malware reported & confirmed")
                .redirects().follow(false).post("/moderation/reports/" + id).then().statusCode(303);

        // the repository page shows the quarantine; its owner learns how to resolve it
        String seen = reporter.page().get("/" + repo.id()).then().statusCode(200).extract().asString();
        assertThat(seen).contains("Quarantined files").contains("Malware reported &amp; confirmed").doesNotContain("To resolve it");
        assertThat(PortalForms.signIn(repo.user()).page().get("/" + repo.id()).then().statusCode(200).extract().asString())
                .contains("To resolve it");

        // the reporter's page
        given().get("/settings/reports").then().statusCode(401);
        assertThat(reporter.page().get("/settings/reports").then().statusCode(200).extract().asString())
                .contains(repo.id()).contains("quarantined").contains("Malware reported &amp; confirmed")
                .doesNotContain(moderatorName);

        // lifting from the queue
        String active = moderator.page().get("/moderation").then().statusCode(200).extract().asString();
        assertThat(active).contains("Active quarantines").contains(repo.id());
        long quarantine = given().get("/api/v1/repos/models/" + repo.id() + "/quarantine").then().statusCode(200)
                .extract().jsonPath().getLong("[0].id");
        reporter.form().formParam("note", "x").redirects().follow(false).post("/moderation/quarantines/" + quarantine + "/lift")
                .then().statusCode(403);
        moderator.form().formParam("note", "cleaned").redirects().follow(false)
                .post("/moderation/quarantines/" + quarantine + "/lift").then().statusCode(303);
        assertThat(given().get("/" + repo.id()).then().statusCode(200).extract().asString()).doesNotContain("Quarantined files");
    }

    @Test
    void aWholeRepositoryQuarantineShowsItsNoticeAndPrivateRepositoriesCannotBeReportedByStrangers() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("data").file("README.md", "# Data\n"));
        String moderatorName = TestAccounts.newUser();
        TestOrgs.setPlatformRole(moderatorName, "moderator");
        given().auth().oauth2(TestAccounts.tokenOf(moderatorName, "write")).contentType(ContentType.JSON)
                .body(Map.of("reason", "Under legal review")).post("/api/v1/repos/datasets/" + repo.id() + "/quarantine")
                .then().statusCode(201);
        assertThat(given().get("/datasets/" + repo.id()).then().statusCode(200).extract().asString())
                .contains("This repository is quarantined").contains("Under legal review").doesNotContain("Access is gated");
        assertThat(given().get("/datasets/" + repo.id() + "/tree/main").then().statusCode(200).extract().asString())
                .contains("This repository is quarantined").doesNotContain("Access is gated");
        assertThat(given().get("/datasets/" + repo.id() + "/blob/main/README.md").then().statusCode(200).extract().asString())
                .contains("This file is quarantined").contains("Under legal review").doesNotContain("↓ Download");

        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        SignedIn stranger = PortalForms.signIn(TestAccounts.newUser());
        stranger.form().formParam("reason", "spam").formParam("details", "x").redirects().follow(false)
                .post("/" + hidden.id() + "/report").then().statusCode(404);
    }
}
