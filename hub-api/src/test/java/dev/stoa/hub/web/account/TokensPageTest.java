package dev.stoa.hub.web.account;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class TokensPageTest {

    private static final Pattern SECRET = Pattern.compile("(?<![A-Za-z_])stoa_[A-Za-z0-9]{40}");

    @Test
    void anonymousVisitorsAreOfferedToSignIn() {
        given().get("/settings/tokens").then().statusCode(401).contentType("text/html")
                .body(containsString("Sign in to manage your access tokens."))
                .body(containsString("/login?next=%2Fsettings%2Ftokens"));
        PortalForms.form().redirects().follow(false).formParam("name", "x").formParam("scope", "read")
                .post("/settings/tokens").then().statusCode(401);
    }

    @Test
    void theSecretIsShownOnceAndTheTokenWorksUntilRevoked() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        browser.page().get("/settings/tokens").then().statusCode(200).body(containsString("You have no tokens yet."));

        Response created = browser.form().formParam("name", "laptop").formParam("scope", "write")
                .formParam("expiry", "30").formParam("limit", "none").post("/settings/tokens");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String body = created.body().asString();
        List<String> secrets = SECRET.matcher(body).results().map(java.util.regex.MatchResult::group).toList();
        assertThat(secrets).hasSize(1);
        String secret = secrets.getFirst();
        assertThat(body).contains("Copy it now").contains("data-copy=\"new-token\"");
        // The spelling huggingface.js takes is the same token.
        assertThat(body).contains("<code id=\"new-token-hf\" class=\"secret\">hf_" + secret + "</code>");
        given().auth().oauth2("hf_" + secret).get("/api/whoami-v2").then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo(user));

        given().auth().oauth2(secret).get("/api/whoami-v2").then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo(user));

        String again = browser.page().get("/settings/tokens").then().statusCode(200).extract().asString();
        assertThat(again).doesNotContain(secret).contains("laptop").contains(secret.substring(0, 11)).contains("write");
        String id = given().auth().oauth2(secret).get("/api/v1/tokens").then().statusCode(200).extract().path("[0].id");

        browser.form().redirects().follow(false).post("/settings/tokens/" + id + "/revoke")
                .then().statusCode(303).header("Location", containsString("/settings/tokens?notice=revoked"));
        given().auth().oauth2(secret).get("/api/whoami-v2").then().statusCode(401);
        browser.page().get("/settings/tokens?notice=revoked").then().statusCode(200)
                .body(containsString("Token revoked")).body(containsString("You have no tokens yet."))
                .body(not(containsString("data-token-id")));
    }

    @Test
    void aFormPostedFromAnotherSiteCreatesAndRevokesNothing() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        browser.page().formParam("csrf", "forged").formParam("name", "evil").formParam("scope", "write")
                .post("/settings/tokens").then().statusCode(403).body(containsString("Reload the page"));
        browser.page().formParam("name", "evil").formParam("scope", "write")
                .post("/settings/tokens").then().statusCode(403);
        String token = TestAccounts.tokenOf(user, "write");
        String id = given().auth().oauth2(token).get("/api/v1/tokens").then().extract().path("[0].id");
        browser.page().redirects().follow(false).post("/settings/tokens/" + id + "/revoke").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/tokens").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("evil")));
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200);
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndSaysWhy() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        browser.form().formParam("name", "  ").formParam("scope", "read").post("/settings/tokens")
                .then().statusCode(400).body(containsString("Give the token a name"));
        browser.form().formParam("name", "dated").formParam("scope", "read").formParam("expiry", "date")
                .formParam("expiresOn", "2001-01-01").post("/settings/tokens")
                .then().statusCode(400).body(containsString("The expiry must be in the future"))
                .body(containsString("value=\"dated\""));
        browser.form().formParam("name", "limited").formParam("scope", "read").formParam("limit", "repositories")
                .formParam("repositories", "nobody-here/nothing").post("/settings/tokens")
                .then().statusCode(404).body(containsString("nobody-here/nothing"));
    }

    @Test
    void hostileTokenNamesAreEscaped() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        String hostile = "<script>alert('x')</script>&\"";
        browser.form().formParam("name", hostile).formParam("scope", "read").post("/settings/tokens")
                .then().statusCode(200)
                .body(not(containsString("<script>alert")))
                .body(containsString("&lt;script&gt;alert"));
    }

    @Test
    void tokensCanBeLimitedToRepositoriesOrAnOrganisationAndSuchTokensCannotManageTokens() {
        String user = TestAccounts.newUser();
        String org = TestOrgs.newOrg(user);
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        String page = browser.form().formParam("name", "org-only").formParam("scope", "write")
                .formParam("expiry", "never").formParam("limit", "organization").formParam("organization", org)
                .post("/settings/tokens").then().statusCode(200).extract().asString();
        String limited = SECRET.matcher(page).results().map(java.util.regex.MatchResult::group).findFirst().orElseThrow();
        browser.page().get("/settings/tokens").then().body(containsString("Organisation: " + org));

        // A restricted token that reaches the portal's forms is refused as by the API.
        String other = TestAccounts.tokenOf(user, "write");
        String otherId = given().auth().oauth2(other).get("/api/v1/tokens").then().extract()
                .path("find { it.name == 'test' }.id");
        PortalForms.form().auth().oauth2(limited).formParam("name", "more").formParam("scope", "write")
                .post("/settings/tokens").then().statusCode(403)
                .body(containsString("managing tokens and organisations needs an unrestricted token"));
        PortalForms.form().auth().oauth2(limited).redirects().follow(false).post("/settings/tokens/" + otherId + "/revoke")
                .then().statusCode(403);
        given().auth().oauth2(other).get("/api/whoami-v2").then().statusCode(200);
        given().auth().oauth2(limited).contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "read"))
                .post("/api/v1/tokens").then().statusCode(403);
    }

    @Test
    void someoneElsesTokenCannotBeRevoked() {
        String owner = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(owner, "read");
        String id = given().auth().oauth2(token).get("/api/v1/tokens").then().extract().path("[0].id");
        PortalForms.signIn(TestAccounts.newUser()).form().redirects().follow(false)
                .post("/settings/tokens/" + id + "/revoke").then().statusCode(404).contentType("text/html");
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200);
    }
}
