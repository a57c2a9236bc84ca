package dev.stoa.hub.sso;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Keycloak access tokens as bearer tokens, against a real Keycloak: verified (issuer, audience, expiry,
 * signature), the account provisioned on first use, realm roles and groups brought over on every use, and
 * Stoa's own tokens working beside them.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class SsoBearerTokenTest {

    private static final String INVALID = "Invalid credentials in Authorization header";

    @Test
    void firstUseProvisionsTheAccountFromTheTokensClaims() {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        String token = KeycloakAdmin.tokenOf(person);

        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200)
                .body("type", equalTo("user"))
                .body("name", equalTo(person.username()))
                .body("fullname", equalTo(person.fullname()))
                .body("email", equalTo(person.email()))
                .body("orgs", empty())
                .body("auth.accessToken.role", equalTo("write"));
        // The account is an ordinary one: it has a public profile and can create repositories.
        given().get("/api/v1/users/" + person.username()).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "first", "type", "model", "private", true))
                .post("/api/repos/create")
                .then().statusCode(200);
        given().auth().oauth2(token).get("/api/models/" + person.username() + "/first").then().statusCode(200);
    }

    @Test
    void aPersonRenamedInKeycloakKeepsTheirStoaAccount() {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/whoami-v2").then().statusCode(200);

        String renamed = TestAccounts.randomName("kc-renamed");
        KeycloakAdmin.rename(person, renamed);
        String token = KeycloakAdmin.tokenOf("stoa", "stoa-test", renamed, KeycloakAdmin.PASSWORD);
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200)
                .body("name", equalTo(person.username()));
    }

    @Test
    void aNameThatALocalAccountHoldsIsRefusedWithTheReason() {
        String local = TestAccounts.newUser();
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson(local);

        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/whoami-v2").then().statusCode(403)
                .header("X-Error-Code", "SsoNameTaken")
                .header("X-Error-Message", containsString("'" + local + "' already belongs"));
        // The local account is untouched and still signs in with its own token.
        given().auth().oauth2(TestAccounts.tokenOf(local, "read")).get("/api/whoami-v2").then().statusCode(200)
                .body("name", equalTo(local)).body("email", equalTo(local + "@example.org"));
    }

    @Test
    void tokensOfAnotherIssuerAreRejected() {
        String foreign = KeycloakAdmin.tokenOf("other", "stoa-test", "mallory", "mallory-password");
        given().auth().oauth2(foreign).get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", INVALID);
    }

    @Test
    void tokensForAnotherAudienceAreRejected() {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        String token = KeycloakAdmin.tokenOf("stoa", "stoa-other-audience", person.username(), KeycloakAdmin.PASSWORD);
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", INVALID);
        // Even where anonymous access would do, a refused token is a 401, never a silent downgrade.
        given().auth().oauth2(token).get("/api/models").then().statusCode(401);
    }

    @Test
    void expiredTokensAreRejected() throws InterruptedException {
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        String token = KeycloakAdmin.tokenOf("stoa", "stoa-short-lived", person.username(), KeycloakAdmin.PASSWORD);
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200);

        long waitMillis = KeycloakAdmin.expiryOf(token) * 1000 - System.currentTimeMillis() + 1500;
        Thread.sleep(Math.max(0, waitMillis));
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", INVALID);
    }

    @Test
    void tamperedAndMalformedTokensAreRejected() {
        String token = KeycloakAdmin.tokenOf(KeycloakAdmin.newPerson());
        String[] parts = token.split("\\.");
        String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(otherSignature).get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", INVALID);
        given().auth().oauth2("not.a.jwt").get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", INVALID);
    }

    @Test
    void stoaTokensAndPasswordsKeepWorkingBesideKeycloak() {
        String user = TestAccounts.newUser();
        given().auth().oauth2(TestAccounts.tokenOf(user, "write")).get("/api/whoami-v2").then().statusCode(200)
                .body("name", equalTo(user)).body("auth.type", equalTo("access_token"));
        given().auth().preemptive().basic(user, TestAccounts.PASSWORD).get("/api/whoami-v2").then().statusCode(200);
        given().auth().oauth2("stoa_NoSuchToken000000000000000000000000").get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Message", INVALID);
    }

    @Test
    void theAdminRealmRoleMakesAPlatformAdministratorOnEveryUse() {
        TestRepos.Owned secret = TestRepos.newRepo("model", true);
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/models/" + secret.id()).then().statusCode(404);

        KeycloakAdmin.grantRealmRole(person, "stoa-admin");
        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/models/" + secret.id()).then().statusCode(200);

        KeycloakAdmin.revokeRealmRole(person, "stoa-admin");
        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/models/" + secret.id()).then().statusCode(404);
    }

    @Test
    void groupsBecomeOrganisationMembershipsAndGoAwayWithTheGroup() {
        String owner = TestAccounts.newUser();
        String ownerToken = TestAccounts.tokenOf(owner, "write");
        String org = TestAccounts.randomName("org");
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("name", org))
                .post("/api/v1/organizations").then().statusCode(201);
        String repo = TestRepos.create(ownerToken, org, "model", true);
        KeycloakAdmin.Person person = KeycloakAdmin.newPerson();
        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/models/" + repo).then().statusCode(404);

        KeycloakAdmin.joinGroup(person, org, "write");
        String token = KeycloakAdmin.tokenOf(person);
        given().auth().oauth2(token).get("/api/whoami-v2").then().statusCode(200)
                .body("orgs.name", hasItem(org))
                .body("orgs.find { it.name == '" + org + "' }.roleInOrg", equalTo("write"));
        given().auth().oauth2(token).get("/api/models/" + repo).then().statusCode(200);
        TestRepos.postCommit(token, new TestRepos.Owned(owner, token, repo, "model"), "main",
                TestRepos.ndjson("From a Keycloak group member").file("notes.md", "hello")).then().statusCode(200);

        // A group under the organisation without a role name makes a reader.
        KeycloakAdmin.leaveGroup(person, org, "write");
        KeycloakAdmin.joinGroup(person, org);
        given().auth().oauth2(KeycloakAdmin.tokenOf(person)).get("/api/whoami-v2").then().statusCode(200)
                .body("orgs.find { it.name == '" + org + "' }.roleInOrg", equalTo("read"));

        KeycloakAdmin.leaveGroup(person, org);
        String without = KeycloakAdmin.tokenOf(person);
        given().auth().oauth2(without).get("/api/whoami-v2").then().statusCode(200)
                .body("orgs.name", not(hasItem(org)));
        given().auth().oauth2(without).get("/api/models/" + repo).then().statusCode(404);
        // The organisation's own admin, a local membership, is untouched.
        given().auth().oauth2(ownerToken).get("/api/whoami-v2").then().body("orgs.name", hasItem(org));
    }
}
