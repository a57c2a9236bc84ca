package dev.stoa.hub.sso;

import dev.stoa.hub.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import dev.stoa.hub.testing.KeycloakServer;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The Hugging Face client's browser login ({@code hf auth login}) through Stoa's {@code /oauth/device} and
 * {@code /oauth/token}, delegated to Keycloak's device grant, approved in a real browser.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class DeviceLoginTest {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** What huggingface_hub sends: its own client id, which Stoa ignores in favour of the configured one. */
    private static final String HF_CLIENT_ID = "hf-cli-client-id";

    @Test
    void aPersonApprovesInTheBrowserAndTheClientGetsALongLivedStoaToken() throws InterruptedException {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        JsonPath device = given().formParam("client_id", HF_CLIENT_ID).post("/oauth/device")
                .then().statusCode(200).extract().jsonPath();
        String deviceCode = device.getString("device_code");
        assertThat(device.getString("user_code")).isNotBlank();
        assertThat(device.getString("verification_uri")).startsWith(KeycloakServer.shared().issuer("stoa"));
        assertThat(device.getString("verification_uri_complete")).contains("user_code=");
        assertThat(device.getInt("interval")).isPositive();
        assertThat(device.getInt("expires_in")).isPositive();

        poll(deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));

        answerInTheBrowser(person, device.getString("verification_uri_complete"), "accept");

        Response granted = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Thread.sleep(device.getInt("interval") * 1000L);
            granted = poll(deviceCode);
            if (granted.statusCode() == 200) {
                break;
            }
            assertThat(granted.jsonPath().getString("error")).isIn("authorization_pending", "slow_down");
        }
        assertThat(granted.statusCode()).isEqualTo(200);
        String token = granted.jsonPath().getString("access_token");
        assertThat(token).startsWith("stoa_");
        assertThat(granted.jsonPath().getString("token_type")).isEqualTo("bearer");
        // No refresh token and no expiry: the client keeps this token, like one pasted into `hf auth login --token`.
        assertThat(granted.jsonPath().getString("refresh_token")).isNull();

        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200)
                .body("name", equalTo(person.username()))
                .body("fullname", equalTo(person.fullname()))
                .body("auth.type", equalTo("access_token"))
                .body("auth.accessToken.role", equalTo("write"))
                .body("auth.accessToken.displayName", startsWith("Browser login (device) "));
        // The device code is spent.
        poll(deviceCode).then().statusCode(400);
    }

    @Test
    void aPersonWhoSaysNoDeniesTheLogin() throws InterruptedException {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        JsonPath device = given().formParam("client_id", HF_CLIENT_ID).post("/oauth/device")
                .then().statusCode(200).extract().jsonPath();
        answerInTheBrowser(person, device.getString("verification_uri_complete"), "cancel");
        Thread.sleep(device.getInt("interval") * 1000L);
        poll(device.getString("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void pollingTooFastIsToldToSlowDown() {
        String deviceCode = given().formParam("client_id", HF_CLIENT_ID).post("/oauth/device")
                .then().statusCode(200).extract().path("device_code");
        poll(deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));
        poll(deviceCode).then().statusCode(400).body("error", equalTo("slow_down"));
    }

    @Test
    void unknownDeviceCodesAndOtherGrantsAreOAuthErrors() {
        poll("no-such-device-code").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.oneOf("invalid_grant", "expired_token", "invalid_request"));
        given().formParam("grant_type", "refresh_token").formParam("refresh_token", "x").post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().formParam("grant_type", GRANT).post("/oauth/token")
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    /** Signs in on Keycloak's device page and answers its consent question with the button named {@code answer}. */
    private static void answerInTheBrowser(KeycloakAdmin.Person person, String verificationUri, String answer) {
        try (Browser browser = new Browser()) {
            browser.open(verificationUri);
            browser.signInToKeycloak(person.username(), KeycloakAdmin.PASSWORD);
            browser.waitFor(By.name(answer)).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.name(answer)).isEmpty());
            browser.screenshot("sso-device-" + answer);
        }
    }

    private static Response poll(String deviceCode) {
        return given().formParam("grant_type", GRANT).formParam("device_code", deviceCode)
                .formParam("client_id", HF_CLIENT_ID).post("/oauth/token");
    }
}
