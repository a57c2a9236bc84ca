package dev.stoa.hub.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.identity.TestAccounts.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class TokenApiTest {

    @Test
    void tokenIsCreatedUsedListedByPrefixAndRevoked() {
        String user = TestAccounts.newUser();
        Map<String, Object> created = given().auth().preemptive().basic(user, PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "laptop", "scope", "write"))
                .post("/api/v1/tokens")
                .then().statusCode(201)
                .body("token", matchesPattern("stoa_[A-Za-z0-9]{40}"))
                .body("scope", equalTo("write"))
                .extract().as(Map.class);
        String token = (String) created.get("token");
        String prefix = (String) created.get("prefix");
        assertThat(token).startsWith(prefix);

        given().auth().oauth2(token).get("/api/whoami-v2")
                .then().statusCode(200)
                .body("name", equalTo(user))
                .body("type", equalTo("user"))
                .body("auth.type", equalTo("access_token"))
                .body("auth.accessToken.displayName", equalTo("laptop"))
                .body("auth.accessToken.role", equalTo("write"))
                .body("auth.accessToken.createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        List<Map<String, Object>> listed = given().auth().oauth2(token).get("/api/v1/tokens")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("prefix", prefix).containsEntry("name", "laptop").doesNotContainKey("token");
        assertThat(listed.toString()).doesNotContain(token);

        given().auth().oauth2(token).delete("/api/v1/tokens/" + created.get("id")).then().statusCode(204);

        given().auth().oauth2(token).get("/api/whoami-v2")
                .then().statusCode(401)
                .header("X-Error-Message", equalTo("Invalid credentials in Authorization header"))
                .header("WWW-Authenticate", startsWith("Basic"));
        given().auth().preemptive().basic(user, PASSWORD).get("/api/v1/tokens")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void tokenWorksAsThePasswordOfHttpBasicLikeGitSendsIt() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "read");
        given().auth().preemptive().basic("any-name-git-sends", token).get("/api/whoami-v2")
                .then().statusCode(200).body("name", equalTo(user));
    }

    @Test
    void theHfSpellingForJavaScriptClientsIsTheSameToken() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "read");
        given().auth().oauth2("hf_" + token).get("/api/whoami-v2").then().statusCode(200).body("name", equalTo(user));
        given().auth().preemptive().basic("git", "hf_" + token).get("/api/whoami-v2").then().statusCode(200);
        String id = given().auth().oauth2(token).get("/api/v1/tokens").then().extract().path("[0].id");
        given().auth().oauth2("hf_" + token).delete("/api/v1/tokens/" + id).then().statusCode(204);
        given().auth().oauth2("hf_" + token).get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", equalTo("Invalid credentials in Authorization header"));
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(401);
    }

    @Test
    void expiredTokenIsRefused() throws InterruptedException {
        String user = TestAccounts.newUser();
        String token = given().auth().preemptive().basic(user, PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "short-lived", "scope", "read", "expiresAt", Instant.now().plusSeconds(1).toString()))
                .post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200);
        Thread.sleep(1500);
        given().auth().oauth2(token).get("/api/whoami-v2")
                .then().statusCode(401)
                .header("X-Error-Message", equalTo("Invalid credentials in Authorization header"));
    }

    @Test
    void unknownAndMalformedTokensGet401WithTheHfHeader() {
        for (String bad : List.of("stoa_doesNotExist0000000000000000000000000", "hf_notours", "hf_stoa_doesNotExist0000000000000000000000000",
                "hf_hf_stoa_x", "")) {
            given().header("Authorization", "Bearer " + bad).get("/api/whoami-v2")
                    .then().statusCode(401)
                    .header("X-Error-Message", equalTo("Invalid credentials in Authorization header"));
        }
        // Even where anonymous access would do, a bad credential is not silently ignored.
        given().header("Authorization", "Bearer stoa_doesNotExist0000000000000000000000000").get("/api/v1/users/admin")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void malformedAuthorizationHeadersGet401NotAnonymousAccess() {
        String noColon = java.util.Base64.getEncoder().encodeToString("just-a-name".getBytes());
        for (String header : List.of("Token stoa_abc", "Basic !!!not-base64", "Basic " + noColon, "Bearer")) {
            given().header("Authorization", header).get("/api/whoami-v2")
                    .then().statusCode(401)
                    .header("X-Error-Message", equalTo("Invalid credentials in Authorization header"));
            given().header("Authorization", header).get("/api/v1/users/admin")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void readTokenCannotCreateTokens() {
        String user = TestAccounts.newUser();
        String read = TestAccounts.tokenOf(user, "read");
        given().auth().oauth2(read).contentType(ContentType.JSON)
                .body(Map.of("name", "escalate", "scope", "write"))
                .post("/api/v1/tokens")
                .then().statusCode(403).body("detail", org.hamcrest.Matchers.containsString("read-only"));
    }

    @Test
    void nobodyCanSeeOrRevokeSomeoneElsesToken() {
        String owner = TestAccounts.newUser();
        String other = TestAccounts.newUser();
        String id = given().auth().preemptive().basic(owner, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "mine", "scope", "read"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("id");

        given().auth().preemptive().basic(other, PASSWORD).get("/api/v1/tokens")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().preemptive().basic(other, PASSWORD).delete("/api/v1/tokens/" + id)
                .then().statusCode(404).body("code", equalTo("TokenNotFound"));
        given().auth().preemptive().basic(owner, PASSWORD).get("/api/v1/tokens")
                .then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void anonymousCallersAreAskedToAuthenticate() {
        given().get("/api/v1/tokens").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "read")).post("/api/v1/tokens")
                .then().statusCode(401);
        given().get("/api/whoami-v2").then().statusCode(401);
        given().delete("/api/v1/tokens/not-a-uuid").then().statusCode(401);
    }

    @Test
    void badTokenRequestsNameTheFieldAndTheRule() {
        String user = TestAccounts.newUser();
        given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scope", "admin")).post("/api/v1/tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("scope"))
                .body("detail", equalTo("Field 'scope' must be one of: read, write."));
        given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("scope", "read")).post("/api/v1/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scope", "read", "expiresAt", "2001-01-01T00:00:00Z")).post("/api/v1/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
        given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON)
                .body("{\"name\": ").post("/api/v1/tokens")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("not valid JSON"));
        given().auth().preemptive().basic(user, PASSWORD).delete("/api/v1/tokens/not-a-uuid")
                .then().statusCode(404);
    }

    @Test
    void wrongPasswordOverBasicIs401() {
        String user = TestAccounts.newUser();
        given().auth().preemptive().basic(user, "wrong password!").get("/api/v1/tokens")
                .then().statusCode(401).body("detail", equalTo("Invalid credentials in Authorization header"));
    }
}
