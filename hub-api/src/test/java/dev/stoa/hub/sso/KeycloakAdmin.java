package dev.stoa.hub.sso;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.testing.KeycloakServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Sets up people, roles and groups in the test Keycloak through its admin API, and gets their tokens. */
final class KeycloakAdmin {

    static final String PASSWORD = "keycloak-test-password";

    private KeycloakAdmin() {
    }

    /** A person in realm {@code stoa} with a random user name, an e-mail and a full name. */
    record Person(String id, String username, String email, String firstName, String lastName) {
        String fullname() {
            return firstName + " " + lastName;
        }
    }

    static Person newPerson() {
        return newPerson(TestAccounts.randomName("kc"));
    }

    static Person newPerson(String username) {
        Person person = new Person(null, username, username + "@example.com", "Ada", "Lovelace-" + username);
        Response created = admin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "enabled", true, "email", person.email(), "emailVerified", true,
                        "firstName", person.firstName(), "lastName", person.lastName(),
                        "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))))
                .post("/admin/realms/stoa/users");
        created.then().statusCode(201);
        String location = created.getHeader("Location");
        return new Person(location.substring(location.lastIndexOf('/') + 1), username, person.email(),
                person.firstName(), person.lastName());
    }

    static void rename(Person person, String username) {
        admin().contentType(ContentType.JSON).body(Map.of("username", username))
                .put("/admin/realms/stoa/users/" + person.id()).then().statusCode(204);
    }

    static void grantRealmRole(Person person, String role) {
        roleMapping(person, role, true);
    }

    static void revokeRealmRole(Person person, String role) {
        roleMapping(person, role, false);
    }

    private static void roleMapping(Person person, String role, boolean grant) {
        Map<String, Object> representation = admin().get("/admin/realms/stoa/roles/" + role)
                .then().statusCode(200).extract().as(Map.class);
        RequestSpecification request = admin().contentType(ContentType.JSON).body(List.of(representation));
        String path = "/admin/realms/stoa/users/" + person.id() + "/role-mappings/realm";
        (grant ? request.post(path) : request.delete(path)).then().statusCode(204);
    }

    /** Puts the person into the group at {@code /orgs/<segments...>}, creating the groups on the way. */
    static void joinGroup(Person person, String... segments) {
        admin().put("/admin/realms/stoa/users/" + person.id() + "/groups/" + group(segments)).then().statusCode(204);
    }

    static void leaveGroup(Person person, String... segments) {
        admin().delete("/admin/realms/stoa/users/" + person.id() + "/groups/" + group(segments)).then().statusCode(204);
    }

    private static String group(String... segments) {
        String id = admin().get("/admin/realms/stoa/group-by-path/orgs").then().statusCode(200).extract().path("id");
        for (String name : segments) {
            List<Map<String, Object>> children = admin().queryParam("max", 1000)
                    .get("/admin/realms/stoa/groups/" + id + "/children").then().statusCode(200).extract().as(List.class);
            String parent = id;
            id = children.stream().filter(c -> name.equals(c.get("name"))).map(c -> (String) c.get("id")).findFirst()
                    .orElseGet(() -> admin().contentType(ContentType.JSON).body(Map.of("name", name))
                            .post("/admin/realms/stoa/groups/" + parent + "/children")
                            .then().statusCode(201).extract().path("id"));
        }
        return id;
    }

    /** An access token for the person from {@code client} (public, direct access grants) of {@code realm}. */
    static String tokenOf(String realm, String client, String username, String password) {
        return given().baseUri(KeycloakServer.shared().url())
                .formParam("grant_type", "password").formParam("client_id", client)
                .formParam("username", username).formParam("password", password).formParam("scope", "openid")
                .post("/realms/" + realm + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String tokenOf(Person person) {
        return tokenOf("stoa", "stoa-test", person.username(), PASSWORD);
    }

    /** A claim of a token, read without verifying it (the tests' own bookkeeping). */
    static long expiryOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
    }

    private static RequestSpecification admin() {
        KeycloakServer keycloak = KeycloakServer.shared();
        String token = given().baseUri(keycloak.url())
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", KeycloakServer.ADMIN_USER).formParam("password", KeycloakServer.ADMIN_PASSWORD)
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        return given().baseUri(keycloak.url()).auth().oauth2(token);
    }
}
