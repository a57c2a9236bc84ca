package dev.stoa.hub.sso;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Without single sign-on configured, Stoa is its old self and says how to log in instead. */
@QuarkusTest
class BrowserLoginWithoutSsoTest {

    @Test
    void deviceLoginExplainsThatItNeedsKeycloakAndHowToUseATokenInstead() {
        given().formParam("client_id", "hf").post("/oauth/device").then().statusCode(501)
                .header("X-Error-Code", "BrowserLoginUnavailable")
                .header("X-Error-Message", containsString("hf auth login --token"));
        given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:device_code").formParam("device_code", "x")
                .post("/oauth/token").then().statusCode(501)
                .header("X-Error-Code", "BrowserLoginUnavailable");
    }

    @Test
    void theSignInPageOffersOnlyLocalAccounts() {
        given().get("/login").then().statusCode(200).body(not(containsString("sso-sign-in")));
        given().redirects().follow(false).get("/login/sso").then().statusCode(404);
    }

    @Test
    void aJwtBearerTokenIsInvalidCredentials() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln").get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", "Invalid credentials in Authorization header");
    }
}
