package dev.stoa.hub.identity;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Creates throw-away users and tokens through the public API, each with a random name. */
public final class TestAccounts {

    public static final String ADMIN_TOKEN = "stoa_TestAdminToken0000000000000000000000";
    public static final String PASSWORD = "correct horse battery staple";

    private TestAccounts() {
    }

    public static String randomName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new user with {@link #PASSWORD}; returns its name. */
    public static String newUser() {
        String name = randomName("user");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "password", PASSWORD, "email", name + "@example.org"))
                .post("/api/v1/users")
                .then().statusCode(201);
        return name;
    }

    /** A new token of {@code user}, created with the user's password over HTTP Basic. */
    public static String tokenOf(String user, String scope) {
        return given().auth().preemptive().basic(user, PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "test", "scope", scope))
                .post("/api/v1/tokens")
                .then().statusCode(201)
                .extract().path("token");
    }
}
