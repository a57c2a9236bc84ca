package dev.stoa.hub.web;

import dev.stoa.hub.identity.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.stoa.hub.identity.TestAccounts.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PortalSessionTest {

    @Test
    void homePageIsRenderedFromTheUiModule() {
        given().get("/").then().statusCode(200)
                .contentType("text/html")
                .body(containsString("Stoa"))
                .body(containsString("HF_ENDPOINT="))
                .body(containsString("Sign in"));
    }

    @Test
    void signInShowsTheUserAndSignOutEndsTheSession() {
        String user = TestAccounts.newUser();
        Response login = PortalForms.form().redirects().follow(false)
                .formParam("username", user).formParam("password", PASSWORD)
                .post("/login");
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.getHeader("Set-Cookie");
        assertThat(setCookie).contains("stoa_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String session = login.getCookie("stoa_session");

        given().cookie("stoa_session", session).get("/").then().statusCode(200).body(containsString(user));
        given().cookie("stoa_session", session).get("/api/v1/tokens").then().statusCode(200);

        given().redirects().follow(false).cookie("stoa_session", session).formParam("csrf", "forged")
                .post("/logout").then().statusCode(403);
        given().cookie("stoa_session", session).get("/api/v1/tokens").then().statusCode(200);
        PortalForms.form().redirects().follow(false).cookie("stoa_session", session).post("/logout").then().statusCode(303);
        given().cookie("stoa_session", session).get("/").then().statusCode(200).body(not(containsString(user)));
        given().cookie("stoa_session", session).get("/api/v1/tokens").then().statusCode(401);
    }

    @Test
    void wrongPasswordKeepsThePersonOnTheFormWithAMessage() {
        String user = TestAccounts.newUser();
        PortalForms.form().formParam("username", user).formParam("password", "not the password")
                .post("/login")
                .then().statusCode(401).contentType("text/html")
                .body(containsString("Wrong username or password."))
                .body(containsString("value=\"" + user + "\""));
        PortalForms.form().formParam("username", TestAccounts.randomName("nobody")).formParam("password", PASSWORD)
                .post("/login")
                .then().statusCode(401).body(containsString("Wrong username or password."));
    }

    @Test
    void aSignInFormPostedFromAnotherSiteIsRefused() {
        String user = TestAccounts.newUser();
        given().formParam("username", user).formParam("password", PASSWORD)
                .post("/login")
                .then().statusCode(403).contentType("text/html")
                .body(containsString("Reload the page and submit it again"))
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        String token = given().get("/login").then().extract().cookie(CsrfTokens.COOKIE);
        given().cookie(CsrfTokens.COOKIE, token).formParam("csrf", token.substring(1) + "x")
                .formParam("username", user).formParam("password", PASSWORD)
                .post("/login")
                .then().statusCode(403);
    }

    @Test
    void theCsrfCookieIsHttpOnlyAndStrictAndTheFormCarriesItsToken() {
        Response page = given().get("/login");
        String token = page.cookie(CsrfTokens.COOKIE);
        assertThat(page.header("Set-Cookie")).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(page.body().asString()).contains("name=\"csrf\" value=\"" + token + "\"");
        // A browser that has the cookie keeps its token.
        given().cookie(CsrfTokens.COOKIE, token).get("/login").then()
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .body(containsString(token));
    }

    @Test
    void unknownPagesGetAReadableErrorPage() {
        given().get("/no/such/page/anywhere").then().statusCode(404)
                .contentType("text/html")
                .body(containsString("nothing at this address"))
                .body(not(containsString("Exception")));
    }
}
