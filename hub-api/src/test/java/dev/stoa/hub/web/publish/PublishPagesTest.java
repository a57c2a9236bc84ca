package dev.stoa.hub.web.publish;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The new-repository form and the settings page, as browsers post them: who may, what is refused, what is left. */
@QuarkusTest
class PublishPagesTest {

    @Test
    void theNewRepositoryFormCreatesAModelWithItsLicenceAndADatasetAtItsOwnUrl() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        browser.page().get("/new").then().statusCode(200)
                .body(containsString("<option value=\"" + user + "\" data-private=\"false\" selected>"))
                .body(containsString("name=\"csrf\" value=\"" + browser.csrf() + "\""))
                .body(containsString("<label for=\"name\">"));
        browser.page().get("/new?type=dataset").then().statusCode(200)
                .body(containsString("value=\"dataset\" checked"));

        String name = TestAccounts.randomName("form");
        browser.form().redirects().follow(false)
                .formParam("type", "model").formParam("owner", user).formParam("name", name)
                .formParam("visibility", "private").formParam("license", "apache-2.0")
                .post("/new").then().statusCode(303).header("Location", containsString("/" + user + "/" + name));
        String token = TestAccounts.tokenOf(user, "read");
        given().auth().oauth2(token).get("/api/models/" + user + "/" + name).then().statusCode(200)
                .body("private", equalTo(true));
        given().auth().oauth2(token).get("/" + user + "/" + name + "/resolve/main/README.md").then().statusCode(200)
                .body(containsString("license: apache-2.0"));

        String dataset = TestAccounts.randomName("data");
        browser.form().redirects().follow(false)
                .formParam("type", "dataset").formParam("owner", user).formParam("name", dataset).formParam("visibility", "public")
                .post("/new").then().statusCode(303).header("Location", containsString("/datasets/" + user + "/" + dataset));
        given().get("/api/datasets/" + user + "/" + dataset).then().statusCode(200).body("private", equalTo(false));
    }

    @Test
    void aBadOrTakenNameIsExplainedOnTheFormAndCreatesNothing() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        for (String bad : new String[] {"two words", "-dash", "a..b", "x.git", "<script>alert(1)</script>"}) {
            browser.form().formParam("owner", user).formParam("name", bad).formParam("visibility", "public")
                    .post("/new").then().statusCode(400)
                    .body(containsString("is not a valid repository name"))
                    .body(not(containsString("<script>alert(1)</script>")));
        }
        given().get("/api/models?author=" + user).then().statusCode(200).body("size()", equalTo(0));

        String name = TestAccounts.randomName("taken");
        browser.form().redirects().follow(false).formParam("owner", user).formParam("name", name).post("/new")
                .then().statusCode(303);
        browser.form().formParam("owner", user).formParam("name", name).post("/new").then().statusCode(409)
                .body(containsString("You already created this model repo"))
                .body(containsString("value=\"" + name + "\""));
        given().get("/api/models?author=" + user).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void theFormNeedsASignedInBrowserItsTokenAndAnOwnerThatMayPublish() {
        given().get("/new").then().statusCode(401).body(containsString("/login?next="));
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        String name = TestAccounts.randomName("csrf");
        // Another site can make the browser post, but cannot know the token.
        browser.page().formParam("name", name).post("/new").then().statusCode(403)
                .body(containsString("Reload the page"));
        browser.page().formParam(CsrfTokens.FIELD, "forged-token-forged-token-forged-token-abcd").formParam("name", name)
                .post("/new").then().statusCode(403);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/models/" + user + "/" + name).then().statusCode(404);

        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, user, "read");
        browser.page().get("/new").then().statusCode(200).body(not(containsString("<option value=\"" + org + "\"")));
        browser.form().formParam("owner", org).formParam("name", name).post("/new").then().statusCode(403)
                .body(containsString("You cannot create repositories in &#39;" + org + "&#39;"));
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/models/" + org + "/" + name).then().statusCode(404);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/models/" + user + "/" + name).then().statusCode(404);
    }

    @Test
    void anOrganisationsDefaultVisibilityIsPreselected() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("defaultVisibility", "private")).put("/api/v1/organizations/" + org + "/settings")
                .then().statusCode(200);
        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.page().get("/new?owner=" + org).then().statusCode(200)
                .body(containsString("<option value=\"" + org + "\" data-private=\"true\" selected>"))
                .body(containsString("value=\"private\" data-visibility=\"private\" checked"));
    }

    @Test
    void settingsAreForThoseWhoAdministerTheRepository() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.Owned secret = TestRepos.newRepo("model", true);
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        PortalForms.SignedIn other = PortalForms.signIn(TestAccounts.newUser());

        given().get("/" + repo.id() + "/settings").then().statusCode(401).body(containsString("Sign in"));
        other.page().get("/" + repo.id() + "/settings").then().statusCode(403);
        other.page().get("/" + secret.id() + "/settings").then().statusCode(404);
        other.page().get("/" + repo.user() + "/no-such-repo/settings").then().statusCode(404);
        owner.page().get("/" + repo.id() + "/settings").then().statusCode(200)
                .body(containsString("aria-current=\"page\">Settings</a>"))
                .body(containsString("data-expect=\"" + repo.id() + "\""));
        other.form().formParam("visibility", "private").post("/" + repo.id() + "/settings").then().statusCode(403);
        other.form().formParam("confirm", repo.id()).post("/" + repo.id() + "/settings/delete").then().statusCode(403);
        given().get("/api/models/" + repo.id()).then().statusCode(200);
    }

    @Test
    void visibilityAndGatingChangeThroughTheForm() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        owner.form().redirects().follow(false).formParam("visibility", "private").formParam("gated", "manual")
                .post("/datasets/" + repo.id() + "/settings").then().statusCode(303)
                .header("Location", containsString("/datasets/" + repo.id() + "/settings?saved=settings"));
        given().auth().oauth2(repo.token()).get("/api/datasets/" + repo.id()).then().statusCode(200)
                .body("private", equalTo(true)).body("gated", equalTo("manual"));
        owner.page().get("/datasets/" + repo.id() + "/settings?saved=settings").then().statusCode(200)
                .body(containsString("Settings saved."))
                .body(containsString("/datasets/" + repo.id() + "/settings/access-requests"))
                .body(containsString("<option value=\"manual\" selected>"));
        owner.form().formParam("gated", "sometimes").post("/datasets/" + repo.id() + "/settings").then().statusCode(400)
                .body(containsString("Choose off, auto or manual"));
        owner.page().formParam("visibility", "public").post("/datasets/" + repo.id() + "/settings").then().statusCode(403);
        given().auth().oauth2(repo.token()).get("/api/datasets/" + repo.id()).then().body("private", equalTo(true));
    }

    @Test
    void deletingNeedsTheNameTypedExactly() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        for (String wrong : new String[] {"", repo.id().toUpperCase(), repo.id() + "x", repo.id().split("/")[1]}) {
            owner.form().formParam("confirm", wrong).post("/" + repo.id() + "/settings/delete").then().statusCode(400)
                    .body(containsString("type its name " + repo.id() + " exactly"));
        }
        given().get("/api/models/" + repo.id()).then().statusCode(200);
        owner.form().redirects().follow(false).formParam("confirm", repo.id()).post("/" + repo.id() + "/settings/delete")
                .then().statusCode(303).header("Location", containsString("/" + repo.user()));
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/models/" + repo.id()).then().statusCode(404);
    }

    @Test
    void movingToATakenNameIsRefusedAndAFreeOneMovesEverything() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String taken = TestRepos.create(repo.token(), repo.user(), "model", false).split("/")[1];
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        owner.form().formParam("owner", repo.user()).formParam("name", taken).post("/" + repo.id() + "/settings/move")
                .then().statusCode(409).body(containsString("already created this model repo"));
        owner.form().formParam("owner", repo.user()).formParam("name", "no good").post("/" + repo.id() + "/settings/move")
                .then().statusCode(400).body(containsString("is not a valid repository name"));
        given().get("/api/models/" + repo.id()).then().statusCode(200);

        String fresh = TestAccounts.randomName("moved");
        owner.form().redirects().follow(false).formParam("owner", repo.user()).formParam("name", fresh)
                .post("/" + repo.id() + "/settings/move").then().statusCode(303)
                .header("Location", containsString("/" + repo.user() + "/" + fresh + "/settings?saved=moved"));
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/models/" + repo.id()).then().statusCode(404);
        given().get("/api/models/" + repo.user() + "/" + fresh).then().statusCode(200);
        owner.page().get("/" + repo.user() + "/" + fresh + "/settings?saved=moved").then().statusCode(200)
                .body(containsString("The repository is now " + repo.user() + "/" + fresh + "."));
    }
}
