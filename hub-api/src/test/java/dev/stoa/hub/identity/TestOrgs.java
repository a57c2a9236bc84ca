package dev.stoa.hub.identity;

import io.restassured.http.ContentType;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Creates throw-away organisations, members and platform roles through the public API. */
public final class TestOrgs {

    private TestOrgs() {
    }

    /** A new organisation whose first admin is {@code admin} (a user with {@link TestAccounts#PASSWORD}). */
    public static String newOrg(String admin) {
        String org = TestAccounts.randomName("org");
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", org))
                .post("/api/v1/organizations")
                .then().statusCode(201);
        return org;
    }

    /** Adds {@code user} to {@code org} with {@code role}, as the organisation's admin {@code admin}. */
    public static void addMember(String org, String admin, String user, String role) {
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("user", user, "role", role))
                .post("/api/v1/organizations/" + org + "/members")
                .then().statusCode(201);
    }

    /** Gives {@code user} a platform role ({@code member}, {@code curator}, {@code admin}) as the bootstrap administrator. */
    public static void setPlatformRole(String user, String role) {
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("platformRole", role))
                .put("/api/v1/users/" + user + "/platform-role")
                .then().statusCode(200);
    }
}
