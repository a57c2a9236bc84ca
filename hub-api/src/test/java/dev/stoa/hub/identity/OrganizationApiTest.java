package dev.stoa.hub.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.stoa.hub.identity.TestAccounts.ADMIN_TOKEN;
import static dev.stoa.hub.identity.TestAccounts.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Members, roles and settings of organisations through /api/v1/organizations/{org}. */
@QuarkusTest
class OrganizationApiTest {

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
    }

    @Test
    void membersAreListedToMembersAndAdministratorsOnly() {
        String admin = TestAccounts.newUser();
        String reader = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, reader, "read");

        as(reader).get("/api/v1/organizations/" + org + "/members")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("size()", equalTo(2))
                .body("find { it.user == '" + admin + "' }.role", equalTo("admin"))
                .body("find { it.user == '" + reader + "' }.role", equalTo("read"));
        given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/organizations/" + org + "/members").then().statusCode(200);

        given().get("/api/v1/organizations/" + org + "/members").then().statusCode(401)
                .contentType("application/problem+json");
        as(TestAccounts.newUser()).get("/api/v1/organizations/" + org + "/members").then().statusCode(403)
                .body("detail", containsString("Only members of " + org));
        as(reader).get("/api/v1/organizations/" + TestAccounts.randomName("ghost") + "/members").then().statusCode(404)
                .body("code", equalTo("OrganizationNotFound"));
        // The public profile still answers next to the member routes.
        given().get("/api/v1/organizations/" + org).then().statusCode(200).body("name", equalTo(org));
    }

    @Test
    void adminsAddChangeAndRemoveMembers() {
        String admin = TestAccounts.newUser();
        String user = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String members = "/api/v1/organizations/" + org + "/members";

        as(admin).body(Map.of("user", user, "role", "write")).post(members)
                .then().statusCode(201).body("user", equalTo(user)).body("role", equalTo("write"));
        given().auth().oauth2(TestAccounts.tokenOf(user, "read")).get("/api/whoami-v2")
                .then().body("orgs.find { it.name == '" + org + "' }.roleInOrg", equalTo("write"));
        as(admin).body(Map.of("user", user, "role", "read")).post(members)
                .then().statusCode(409).body("code", equalTo("MemberExists")).body("detail", containsString("PUT"));
        as(admin).body(Map.of("role", "ADMIN")).put(members + "/" + user)
                .then().statusCode(200).body("role", equalTo("admin"));
        as(admin).delete(members + "/" + user).then().statusCode(204);
        as(admin).body(Map.of("role", "read")).put(members + "/" + user)
                .then().statusCode(404).body("code", equalTo("MemberNotFound"));
        as(admin).delete(members + "/" + user).then().statusCode(404).body("code", equalTo("MemberNotFound"));
    }

    @Test
    void memberChangesAreRefusedClearly() {
        String admin = TestAccounts.newUser();
        String writer = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, writer, "write");
        String members = "/api/v1/organizations/" + org + "/members";
        String someone = TestAccounts.newUser();

        given().contentType(ContentType.JSON).body(Map.of("user", someone, "role", "read")).post(members)
                .then().statusCode(401);
        as(writer).body(Map.of("user", someone, "role", "read")).post(members)
                .then().statusCode(403).body("detail", containsString("Only admins of " + org));
        as(writer).body(Map.of("role", "admin")).put(members + "/" + writer).then().statusCode(403);
        as(writer).delete(members + "/" + admin).then().statusCode(403);
        given().auth().oauth2(TestAccounts.tokenOf(admin, "read")).contentType(ContentType.JSON)
                .body(Map.of("user", someone, "role", "read")).post(members)
                .then().statusCode(403).body("detail", containsString("read-only"));

        as(admin).body(Map.of("user", someone, "role", "owner")).post(members)
                .then().statusCode(400).body("errors[0].field", equalTo("role")).body("detail", containsString("'owner' is not a role"));
        as(admin).body(Map.of("user", someone)).post(members)
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        as(admin).body(Map.of("role", "read")).post(members)
                .then().statusCode(400).body("errors[0].field", equalTo("user"));
        as(admin).body(Map.of("user", TestAccounts.randomName("ghost"), "role", "read")).post(members)
                .then().statusCode(404).body("code", equalTo("UserNotFound"));
        as(admin).body(Map.of("user", TestOrgs.newOrg(admin), "role", "read")).post(members)
                .then().statusCode(404).body("code", equalTo("UserNotFound")).body("detail", containsString("is an organisation"));
        as(admin).body(Map.of("user", someone, "role", "read")).post("/api/v1/organizations/" + TestAccounts.randomName("ghost") + "/members")
                .then().statusCode(404).body("code", equalTo("OrganizationNotFound"));

        // Platform administrators manage every organisation.
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("user", someone, "role", "read"))
                .post(members).then().statusCode(201);
    }

    @Test
    void membersMayLeaveButTheLastAdminStays() {
        String admin = TestAccounts.newUser();
        String reader = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, reader, "read");
        String members = "/api/v1/organizations/" + org + "/members";

        as(reader).delete(members + "/" + reader).then().statusCode(204);
        as(reader).get(members).then().statusCode(403);

        as(admin).body(Map.of("role", "write")).put(members + "/" + admin)
                .then().statusCode(409).body("code", equalTo("LastAdmin"))
                .body("detail", containsString("last admin of " + org))
                .body("detail", containsString("Promote another member to admin first"));
        as(admin).delete(members + "/" + admin).then().statusCode(409).body("code", equalTo("LastAdmin"));
        given().auth().oauth2(ADMIN_TOKEN).delete(members + "/" + admin).then().statusCode(409);

        String second = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, second, "admin");
        as(admin).delete(members + "/" + admin).then().statusCode(204);
        as(second).get(members).then().statusCode(200).body("user", equalTo(List.of(second)));
    }

    @Test
    void concurrentDemotionsNeverLeaveAnOrganisationWithoutAdmin() throws Exception {
        for (int round = 0; round < 4; round++) {
            String first = TestAccounts.newUser();
            String second = TestAccounts.newUser();
            String org = TestOrgs.newOrg(first);
            TestOrgs.addMember(org, first, second, "admin");
            String members = "/api/v1/organizations/" + org + "/members/";
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            // Both admins leave at the same moment: only one may go.
            for (String admin : List.of(first, second)) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return as(admin).delete(members + admin).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(statuses).containsExactly(204, 409);
            given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/organizations/" + org + "/members")
                    .then().body("findAll { it.role == 'admin' }.size()", equalTo(1));
        }
    }

    @Test
    void organisationSettingsChooseTheDefaultVisibilityOfNewRepositories() {
        String admin = TestAccounts.newUser();
        String writer = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, writer, "write");
        String settings = "/api/v1/organizations/" + org + "/settings";

        as(writer).get(settings).then().statusCode(200).body("defaultVisibility", equalTo("public"));
        given().get(settings).then().statusCode(401);
        as(TestAccounts.newUser()).get(settings).then().statusCode(403);
        as(writer).body(Map.of("defaultVisibility", "private")).put(settings).then().statusCode(403);
        as(admin).body(Map.of("defaultVisibility", "secret")).put(settings)
                .then().statusCode(400).body("errors[0].field", equalTo("defaultVisibility"));
        as(admin).body(Map.of()).put(settings).then().statusCode(400);
        as(admin).body(Map.of("defaultVisibility", "private")).put(settings)
                .then().statusCode(200).body("defaultVisibility", equalTo("private"));
        given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/organizations/" + TestAccounts.randomName("ghost") + "/settings")
                .then().statusCode(404).body("code", equalTo("OrganizationNotFound"));

        String writerToken = TestAccounts.tokenOf(writer, "write");
        assertThat(privateAfterCreate(writerToken, org, Map.of())).isTrue();
        assertThat(privateAfterCreate(writerToken, org, Map.of("private", false))).isFalse();
        assertThat(privateAfterCreate(writerToken, org, Map.of("visibility", "public"))).isFalse();
        // A user's own namespace keeps public as its default.
        assertThat(privateAfterCreate(writerToken, writer, Map.of())).isFalse();
    }

    private static boolean privateAfterCreate(String token, String namespace, Map<String, Object> visibility) {
        String name = TestAccounts.randomName("repo");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "organization", namespace, "type", "model"));
        body.putAll(visibility);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/repos/create").then().statusCode(200);
        return given().auth().oauth2(token).get("/api/models/" + namespace + "/" + name)
                .then().statusCode(200).extract().path("private");
    }

    @Test
    void administratorsSetPlatformRoles() {
        String user = TestAccounts.newUser();
        String path = "/api/v1/users/" + user + "/platform-role";
        given().contentType(ContentType.JSON).body(Map.of("platformRole", "curator")).put(path).then().statusCode(401);
        as(user).body(Map.of("platformRole", "admin")).put(path).then().statusCode(403);
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("platformRole", "boss")).put(path)
                .then().statusCode(400).body("errors[0].field", equalTo("platformRole"));
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("platformRole", "curator"))
                .put("/api/v1/users/" + TestAccounts.randomName("ghost") + "/platform-role")
                .then().statusCode(404).body("code", equalTo("UserNotFound"));
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("platformRole", "curator")).put(path)
                .then().statusCode(200).body("platformRole", equalTo("curator"));
    }
}
