package dev.stoa.hub.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stoa.hub.identity.TestAccounts.ADMIN_TOKEN;
import static dev.stoa.hub.identity.TestAccounts.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AccountApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "-starts-with-dash", "ends-with-dot.", "two--dashes", "has space", "ümlaut",
            "this-name-is-far-too-long-for-a-namespace-xx"})
    void badNamesAreRefusedNamingTheField(String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "password", PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("detail", containsString(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "Models", "settings", "admin"})
    void reservedNamesAreRefused(String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "password", PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("reserved"));
    }

    @Test
    void badPasswordsAreRefusedWithTheRule() {
        String name = TestAccounts.randomName("pw");
        given().contentType(ContentType.JSON).body(Map.of("name", name, "password", "short"))
                .post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("password"))
                .body("detail", containsString("at least 10 characters"));
        given().contentType(ContentType.JSON).body(Map.of("name", name + "xyzabc", "password", name + "xyzabc"))
                .post("/api/v1/users")
                .then().statusCode(400).body("detail", containsString("same as the name"));
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("password"));
        given().contentType(ContentType.JSON).body(Map.of("name", name, "password", PASSWORD, "email", "not-an-email"))
                .post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("email"));
        // Nothing was half-created by the refused attempts.
        given().get("/api/v1/users/" + name).then().statusCode(404);
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        String name = TestAccounts.newUser();
        given().contentType(ContentType.JSON).body(Map.of("name", name.toUpperCase(), "password", PASSWORD))
                .post("/api/v1/users")
                .then().statusCode(409).body("code", equalTo("NameTaken"));
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/organizations")
                .then().statusCode(409);
    }

    @Test
    void profilesShowEmailOnlyToTheAccountItself() {
        String name = TestAccounts.newUser();
        given().get("/api/v1/users/" + name).then().statusCode(200)
                .body("name", equalTo(name)).body("type", equalTo("user")).body("email", nullValue());
        given().auth().preemptive().basic(name, PASSWORD).get("/api/v1/users/" + name).then().statusCode(200)
                .body("email", equalTo(name + "@example.org"));
        given().get("/api/v1/users/" + TestAccounts.randomName("ghost")).then().statusCode(404)
                .body("code", equalTo("UserNotFound"));
    }

    @Test
    void organisationsAreNamespacesListedByWhoami() {
        String user = TestAccounts.newUser();
        String org = TestAccounts.randomName("org");
        given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", org, "fullname", "Acme Research"))
                .post("/api/v1/organizations")
                .then().statusCode(201).body("type", equalTo("org"));

        given().auth().oauth2(TestAccounts.tokenOf(user, "read")).get("/api/whoami-v2")
                .then().statusCode(200)
                .body("orgs.name", hasItem(org))
                .body("orgs[0].roleInOrg", equalTo("admin"));
        given().get("/api/v1/organizations/" + org).then().statusCode(200).body("fullname", equalTo("Acme Research"));
        given().get("/api/v1/organizations/" + user).then().statusCode(404);
    }

    @Test
    void creatingAnOrganisationNeedsAWriteCapableSignIn() {
        given().contentType(ContentType.JSON).body(Map.of("name", TestAccounts.randomName("org")))
                .post("/api/v1/organizations").then().statusCode(401);
        String user = TestAccounts.newUser();
        given().auth().oauth2(TestAccounts.tokenOf(user, "read")).contentType(ContentType.JSON)
                .body(Map.of("name", TestAccounts.randomName("org")))
                .post("/api/v1/organizations").then().statusCode(403);
    }

    @Test
    void whoamiOfTheBootstrapAdministrator() {
        given().auth().oauth2(ADMIN_TOKEN).get("/api/whoami-v2")
                .then().statusCode(200).body("name", equalTo("admin"))
                .body("auth.accessToken.role", equalTo("write"));
    }
}
