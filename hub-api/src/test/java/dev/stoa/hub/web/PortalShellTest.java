package dev.stoa.hub.web;

import dev.stoa.hub.identity.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PortalShellTest {

    @Test
    void everyPageCarriesNavigationThemeSwitchAndTheFormToken() {
        PortalForms.SignedIn browser = PortalForms.signIn(TestAccounts.newUser());
        browser.page().get("/").then().statusCode(200)
                .body(containsString("<meta name=\"stoa-csrf\" content=\"" + browser.csrf() + "\">"))
                .body(containsString("data-theme-toggle"))
                .body(containsString("href=\"/settings/tokens\""))
                .body(containsString("role=\"search\""));
        given().get("/static/stoa.css").then().statusCode(200).body(containsString("[data-theme=\"dark\"]"));
        given().get("/webjars/js-sha256/0.11.0/build/sha256.min.js").then().statusCode(200);
    }

    @Test
    void scriptsCallingTheApiWithTheSessionMustSendThePageToken() {
        String user = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(user);
        String body = "{\"name\":\"" + TestAccounts.randomName("csrf") + "\",\"type\":\"model\"}";

        browser.page().contentType("application/json").body(body).post("/api/repos/create")
                .then().statusCode(403).header("X-Error-Code", "FormExpired");
        browser.page().header(SessionApiCsrf.HEADER, "forged").contentType("application/json").body(body)
                .post("/api/repos/create").then().statusCode(403);
        browser.script().contentType("application/json").body(body).post("/api/repos/create")
                .then().statusCode(200).body(containsString(user));
        // Reading needs no token, and a client sending its own credentials is not affected.
        browser.page().get("/api/whoami-v2").then().statusCode(200);
        given().auth().oauth2(TestAccounts.tokenOf(user, "write")).contentType("application/json")
                .body("{\"name\":\"" + TestAccounts.randomName("tok") + "\"}")
                .post("/api/repos/create").then().statusCode(200);
    }

    @Test
    void signingInLeadsBackToThePageThatAskedForIt() {
        String user = TestAccounts.newUser();
        given().get("/login?next=/settings/tokens").then().statusCode(200)
                .body(containsString("name=\"next\" value=\"/settings/tokens\""));
        PortalForms.form().redirects().follow(false)
                .formParam("username", user).formParam("password", TestAccounts.PASSWORD)
                .formParam("next", "/settings/tokens")
                .post("/login").then().statusCode(303).header("Location", containsString("/settings/tokens"));
        for (String elsewhere : new String[] {"//evil.example/x", "https://evil.example", "/\\evil.example"}) {
            PortalForms.form().redirects().follow(false)
                    .formParam("username", user).formParam("password", TestAccounts.PASSWORD)
                    .formParam("next", elsewhere)
                    .post("/login").then().statusCode(303)
                    .header("Location", not(containsString("evil")));
        }
    }

    @Test
    void aRefusedPageOffersToSignInInsteadOfAPasswordDialog() {
        given().get("/settings/tokens").then()
                .header("WWW-Authenticate", emptyOrNullString());
    }

    @Test
    void aDatasetWhoseNameIsAlsoATabIsShownAsThatDataset() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        for (String name : new String[] {"settings", "checks", "like", "preview"}) {
            given().auth().oauth2(token).contentType("application/json")
                    .body("{\"name\":\"" + name + "\",\"type\":\"dataset\"}")
                    .post("/api/repos/create").then().statusCode(200);
            given().get("/datasets/" + user + "/" + name).then().statusCode(200)
                    .body(containsString("Dataset card"))
                    .body(containsString(user + "/" + name));
        }
    }
}
