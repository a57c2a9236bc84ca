package dev.stoa.hub.web.account;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class GatedAccessPagesTest {

    /** The form of {@link GatedRepos#CARD}: Company, Country, Start date, Purpose, I agree to the terms. */
    private static io.restassured.specification.RequestSpecification answers(io.restassured.specification.RequestSpecification form) {
        return form.formParam("field0", "Acme").formParam("field1", "France").formParam("field2", "2026-01-02")
                .formParam("field3", "Research").formParam("field4", "true");
    }

    @Test
    void askAcceptAndDownloadThroughThePages() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        TestRepos.Owned repo = gated.repo();
        String requester = TestAccounts.newUser();
        PortalForms.SignedIn asker = PortalForms.signIn(requester);

        String form = asker.page().get("/" + repo.id() + "/ask-access").then().statusCode(200).contentType("text/html")
                .body(containsString(GatedRepos.PROMPT))
                .body(containsString("<label for=\"field0\">Company</label>"))
                .body(containsString("<select id=\"field1\" name=\"field1\" required autocomplete=\"country-name\">"))
                .body(containsString("<input type=\"date\" id=\"field2\""))
                .body(containsString("<option value=\"other\">Something else</option>"))
                .body(containsString("<input type=\"checkbox\" id=\"field4\" name=\"field4\" value=\"true\" required>"))
                .body(containsString("You have not requested access yet."))
                .extract().asString();
        assertThat(form).contains("<label for=\"field4\" class=\"inline\">I agree to the terms</label>");

        answers(asker.form()).redirects().follow(false).post("/" + repo.id() + "/ask-access")
                .then().statusCode(303).header("Location", containsString("/" + repo.id() + "/ask-access?notice=pending"));
        asker.page().get("/" + repo.id() + "/ask-access?notice=pending").then().statusCode(200)
                .body(containsString("awaiting a review")).body(containsString("Your request was sent"));
        String token = TestAccounts.tokenOf(requester, "read");
        GatedRepos.head(token, repo, "config.json").then().statusCode(403);

        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        owner.page().get("/" + repo.id() + "/settings/access-requests").then().statusCode(200)
                .body(containsString("data-user=\"" + requester + "\""))
                .body(containsString("<dt>Company</dt><dd>Acme</dd><dt>Country</dt><dd>France</dd>"
                        + "<dt>Start date</dt><dd>2026-01-02</dd><dt>Purpose</dt><dd>Research</dd>"))
                .body(containsString(requester + "@example.org"))
                .body(containsString("Pending (1)"))
                .body(containsString("/api/models/" + repo.id() + "/user-access-request/export?format=csv"));
        owner.form().redirects().follow(false).formParam("user", requester).formParam("action", "accepted")
                .formParam("from", "pending").post("/" + repo.id() + "/settings/access-requests")
                .then().statusCode(303).header("Location", containsString("status=pending&notice=accepted"));
        owner.page().get("/" + repo.id() + "/settings/access-requests?status=accepted").then().statusCode(200)
                .body(containsString("Accepted (1)")).body(containsString("by " + repo.user()));

        GatedRepos.get(token, repo, "config.json").then().statusCode(200);
        asker.page().get("/" + repo.id() + "/ask-access").then().statusCode(200)
                .body(containsString("Your request was accepted")).body(not(containsString("<form method=\"post\" action=\"/"
                        + repo.id() + "/ask-access\"")));
        // The portal session downloads too.
        asker.page().redirects().follow(false).get("/" + repo.id() + "/resolve/main/config.json").then().statusCode(200);

        // Reject, then grant again.
        owner.form().redirects().follow(false).formParam("user", requester).formParam("action", "rejected")
                .formParam("reason", "<b>no</b>").formParam("from", "accepted")
                .post("/" + repo.id() + "/settings/access-requests").then().statusCode(303);
        GatedRepos.head(token, repo, "config.json").then().statusCode(403);
        owner.page().get("/" + repo.id() + "/settings/access-requests?status=rejected").then()
                .body(containsString("Reason: &lt;b&gt;no&lt;/b&gt;"));
        asker.page().get("/" + repo.id() + "/ask-access").then().body(containsString("was rejected"));
        owner.form().redirects().follow(false).formParam("user", requester).formParam("action", "grant")
                .formParam("from", "rejected").post("/" + repo.id() + "/settings/access-requests").then().statusCode(303);
        GatedRepos.head(token, repo, "config.json").then().statusCode(org.hamcrest.Matchers.oneOf(200, 302));
    }

    @Test
    void aMissingAnswerIsRefusedOnTheFormWithTheOthersKept() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        PortalForms.SignedIn asker = PortalForms.signIn(TestAccounts.newUser());
        asker.form().formParam("field0", "Acme Ltd").formParam("field1", "France").formParam("field2", "2026-01-02")
                .formParam("field3", "other").post("/" + gated.repo().id() + "/ask-access")
                .then().statusCode(400)
                .body(containsString("The field &quot;I agree to the terms&quot; is required: check it."))
                .body(containsString("value=\"Acme Ltd\""))
                .body(containsString("<option value=\"France\" selected>France</option>"))
                .body(containsString("<option value=\"other\" selected>Something else</option>"));
        asker.page().get("/" + gated.repo().id() + "/ask-access").then().body(containsString("You have not requested access yet."));
    }

    @Test
    void automaticGatingAcceptsAtOnceAndDatasetsHaveTheSamePages() {
        GatedRepos.Gated gated = GatedRepos.newGated("dataset", false, "auto");
        String requester = TestAccounts.newUser();
        PortalForms.SignedIn asker = PortalForms.signIn(requester);
        String path = "/datasets/" + gated.repo().id();
        asker.page().get(path + "/ask-access").then().statusCode(200).body(containsString("Requests are accepted at once"));
        answers(asker.form()).redirects().follow(false).post(path + "/ask-access").then().statusCode(303)
                .header("Location", containsString(path + "/ask-access?notice=accepted"));
        GatedRepos.get(TestAccounts.tokenOf(requester, "read"), gated.repo(), "config.json").then().statusCode(200);
        PortalForms.signIn(gated.repo().user()).page().get(path + "/settings/access-requests?status=accepted")
                .then().statusCode(200).body(containsString("data-user=\"" + requester + "\""))
                .body(containsString("/api/datasets/" + gated.repo().id() + "/user-access-request/export"));
    }

    @Test
    void whoMaySeeWhat() {
        GatedRepos.Gated open = GatedRepos.newGated("model", false, "manual");
        GatedRepos.Gated hidden = GatedRepos.newGated("model", true, "manual");
        PortalForms.SignedIn outsider = PortalForms.signIn(TestAccounts.newUser());

        given().get("/" + open.repo().id() + "/ask-access").then().statusCode(401).body(containsString("/login?next="));
        outsider.page().get("/" + hidden.repo().id() + "/ask-access").then().statusCode(404);
        outsider.page().get("/" + TestAccounts.randomName("nobody") + "/nothing/ask-access").then().statusCode(404);
        String missing = outsider.page().get("/" + TestAccounts.randomName("nobody") + "/nothing/settings/access-requests")
                .then().extract().asString();
        outsider.page().get("/" + hidden.repo().id() + "/settings/access-requests").then().statusCode(404)
                .body(not(containsString("Pending (")));
        assertThat(missing).doesNotContain("Access requests");

        // The requester of a public gated repository is no owner: no list, no decisions.
        GatedRepos.request(TestAccounts.tokenOf(outsider.user(), "write"), open.repo(), GatedRepos.answers()).then().statusCode(200);
        outsider.page().get("/" + open.repo().id() + "/settings/access-requests").then()
                .statusCode(org.hamcrest.Matchers.oneOf(403, 404))
                .body(not(containsString("data-user=")));
        outsider.form().formParam("user", outsider.user()).formParam("action", "accepted")
                .post("/" + open.repo().id() + "/settings/access-requests").then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        GatedRepos.list(open.repo().token(), open.repo(), "pending").then().body("[0].user.user", equalTo(outsider.user()));
        given().get("/" + open.repo().id() + "/settings/access-requests").then().statusCode(401);
    }

    @Test
    void formsPostedFromAnotherSiteAreRefused() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        PortalForms.SignedIn asker = PortalForms.signIn(TestAccounts.newUser());
        answers(asker.page().formParam("csrf", "forged")).post("/" + gated.repo().id() + "/ask-access").then().statusCode(403);
        GatedRepos.list(gated.repo().token(), gated.repo(), "pending").then().body("size()", equalTo(0));

        GatedRepos.request(TestAccounts.tokenOf(asker.user(), "write"), gated.repo(), GatedRepos.answers()).then().statusCode(200);
        PortalForms.signIn(gated.repo().user()).page().formParam("user", asker.user()).formParam("action", "accepted")
                .post("/" + gated.repo().id() + "/settings/access-requests").then().statusCode(403);
        GatedRepos.list(gated.repo().token(), gated.repo(), "pending").then().body("size()", equalTo(1));
    }

    @Test
    void hostileCardTextAndLabelsAreEscaped() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String card = """
                ---
                extra_gated_prompt: "Agree <script>alert('prompt')</script> **now**"
                extra_gated_heading: "<img src=x onerror=alert(1)>"
                extra_gated_fields:
                  "<img src=x onerror=alert('label')>": text
                  "Pick \\"one\\" & <b>more</b>":
                    type: select
                    options:
                      - "<script>opt</script>"
                ---
                # Hostile
                """;
        TestRepos.commit(repo, "main", TestRepos.ndjson("hostile card").file("README.md", card));
        GatedRepos.setGated(repo, "manual");
        String page = PortalForms.signIn(TestAccounts.newUser()).page().get("/" + repo.id() + "/ask-access")
                .then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<script>opt")
                .doesNotContain("<b>more</b>")
                .contains("&lt;img src=x onerror=alert(&#39;label&#39;)&gt;")
                .contains("<strong>now</strong>")
                .contains("&lt;script&gt;opt&lt;/script&gt;");
    }

    @Test
    void notGatedRepositoriesSaySo() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        PortalForms.signIn(TestAccounts.newUser()).page().get("/" + repo.id() + "/ask-access").then().statusCode(200)
                .body(containsString("This repository is not gated"));
        PortalForms.signIn(repo.user()).page().get("/" + repo.id() + "/settings/access-requests").then().statusCode(200)
                .body(containsString("is not gated"));
    }
}
