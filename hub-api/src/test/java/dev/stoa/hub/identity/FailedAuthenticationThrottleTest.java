package dev.stoa.hub.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Guessing tokens or passwords is throttled per client address on every route family. */
@QuarkusTest
@TestProfile(FailedAuthenticationThrottleTest.ThreeAttempts.class)
class FailedAuthenticationThrottleTest {

    public static class ThreeAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Each test poses as its own client address through a trusted proxy header.
            return Map.of("stoa.accounts.failed-authentication.max-attempts", "3",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    private static final String BAD_TOKEN = "stoa_" + "x".repeat(40);

    @Test
    void aClientOverTheLimitGets429WithRetryAfterEvenForAValidToken() {
        String client = randomAddress();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", client).auth().oauth2(BAD_TOKEN)
                    .get("/api/whoami-v2").then().statusCode(401);
        }
        Response refused = given().header("X-Forwarded-For", client).auth().oauth2(TestAccounts.ADMIN_TOKEN)
                .get("/api/whoami-v2");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(refused.header("X-Error-Code")).isEqualTo("TooManyFailedAuthentications");
        assertThat(refused.header("X-Error-Message")).contains("Wait");

        // Browsing without credentials from the same address goes on; other clients are not affected.
        given().header("X-Forwarded-For", client).get("/api/models").then().statusCode(200);
        given().header("X-Forwarded-For", randomAddress()).auth().oauth2(TestAccounts.ADMIN_TOKEN)
                .get("/api/whoami-v2").then().statusCode(200);
    }

    @Test
    void gitBasicCredentialsAndStoaApiAreThrottledAlike() {
        String client = randomAddress();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", client).auth().preemptive().basic("git", BAD_TOKEN)
                    .get("/someone/something.git/info/refs?service=git-upload-pack")
                    .then().statusCode(401);
        }
        given().header("X-Forwarded-For", client).auth().preemptive().basic("git", BAD_TOKEN)
                .get("/someone/something.git/info/refs?service=git-upload-pack")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().header("X-Forwarded-For", client).auth().oauth2(TestAccounts.ADMIN_TOKEN)
                .get("/api/v1/tokens")
                .then().statusCode(429).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("TooManyFailedAuthentications"));
    }

    @Test
    void portalSignInIsThrottledWithAPageThatSaysWhenToTryAgain() {
        String client = randomAddress();
        String user = TestAccounts.newUser();
        for (int i = 0; i < 3; i++) {
            dev.stoa.hub.web.PortalForms.form().header("X-Forwarded-For", client).formParam("username", user).formParam("password", "wrong password!")
                    .post("/login").then().statusCode(401);
        }
        dev.stoa.hub.web.PortalForms.form().header("X-Forwarded-For", client)
                .formParam("username", user).formParam("password", TestAccounts.PASSWORD)
                .post("/login")
                .then().statusCode(429).contentType("text/html")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body(containsString("Too many failed sign-in attempts"));
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
