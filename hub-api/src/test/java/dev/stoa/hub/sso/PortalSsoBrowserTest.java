package dev.stoa.hub.sso;

import dev.stoa.hub.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The portal's "Sign in with Keycloak" in a real headless Chromium, against a real Keycloak. */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class PortalSsoBrowserTest {

    @Test
    void signInThroughKeycloakOpensAStoaSessionAndSignOutEndsBoth() {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        String stoa = "http://127.0.0.1:" + RestAssured.port;
        try (Browser browser = new Browser()) {
            browser.open(stoa + "/login");
            browser.waitFor(By.id("sso-sign-in")).click();
            browser.signInToKeycloak(person.username(), KeycloakAdmin.PASSWORD);
            browser.waitForUrlStartingWith(stoa + "/");
            assertThat(browser.waitFor(By.className("who")).getText()).isEqualTo(person.username());
            browser.screenshot("sso-portal-signed-in");

            Cookie session = browser.driver().manage().getCookieNamed("stoa_session");
            assertThat(session).isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
            given().cookie("stoa_session", session.getValue()).get("/api/v1/tokens").then().statusCode(200);
            given().cookie("stoa_session", session.getValue()).get("/api/whoami-v2").then().statusCode(200)
                    .body("email", org.hamcrest.Matchers.equalTo(person.email()));

            browser.driver().findElement(By.className("who")).click(); // opens the account menu
            browser.waitFor(By.cssSelector("form[action='/logout'] button")).click();
            browser.waitFor(By.linkText("Sign in"));
            assertThat(browser.driver().getCurrentUrl()).startsWith(stoa + "/");
            given().cookie("stoa_session", session.getValue()).get("/api/v1/tokens").then().statusCode(401);

            // Keycloak's session ended too: signing in again asks for the password.
            browser.open(stoa + "/login/sso");
            browser.waitFor(By.id("username"));
            browser.screenshot("sso-portal-signed-out");
        }
    }
}
