package dev.stoa.hub.web.audit;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class AuditPagesTest {

    @Test
    void organisationAdminsSeeTheirOrganisationsEventsAndExportThem() {
        String admin = TestAccounts.newUser();
        String adminToken = TestAccounts.tokenOf(admin, "write");
        String org = TestOrgs.newOrg(admin);
        String other = TestOrgs.newOrg(admin);
        String ours = TestRepos.create(adminToken, org, "model", false);
        String theirs = TestRepos.create(adminToken, other, "model", false);

        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.page().get("/organizations/" + org + "/audit").then().statusCode(200)
                .body(containsString("<h1>Audit trail of " + org + "</h1>"))
                .body(containsString(ours)).body(not(containsString(theirs)))
                .body(containsString("repo.created"))
                .body(containsString("for=\"audit-action\""))
                .body(containsString("href=\"/api/v1/audit/export?org=" + org + "\""));
        browser.page().queryParam("action", "ref.").get("/organizations/" + org + "/audit").then().statusCode(200)
                .body(containsString("ref.created")).body(not(containsString("<code>repo.created</code>")));
        browser.page().queryParam("from", "not-a-day").get("/organizations/" + org + "/audit").then().statusCode(400)
                .body(containsString("is not a time"));
        browser.page().get("/api/v1/audit/export?org=" + org).then().statusCode(200).body(containsString(ours));
        browser.page().get("/organizations/" + org + "/members").then().statusCode(200)
                .body(containsString("href=\"/organizations/" + org + "/audit\""));
        // Not the whole trail.
        browser.page().get("/admin/audit").then().statusCode(403);
    }

    @Test
    void platformAdministratorsSeeEverythingWithHostileTextEscaped() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        GatedRepos.User reader = GatedRepos.User.create();
        GatedRepos.request(reader.token(), gated.repo(), GatedRepos.answers()).then().statusCode(200);
        GatedRepos.handle(gated.repo().token(), gated.repo(), Map.of("user", reader.name(), "status", "rejected",
                "rejectionReason", "<img src=x onerror=alert(1)>")).then().statusCode(200);

        String admin = TestAccounts.newUser();
        TestOrgs.setPlatformRole(admin, "admin");
        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.page().queryParam("target", gated.repo().id()).get("/admin/audit").then().statusCode(200)
                .body(containsString("<h1>Audit trail</h1>"))
                .body(containsString("access.rejected"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(not(containsString("<img src=x")));
        browser.page().queryParam("target", "\"><script>alert(1)</script>").get("/admin/audit").then().statusCode(200)
                .body(containsString("No event matches"))
                .body(not(containsString("<script>alert(1)")));
    }

    @Test
    void othersAreRefused() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String writer = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, writer, "write");

        given().get("/admin/audit").then().statusCode(401).body(containsString("/login?next="));
        given().get("/organizations/" + org + "/audit").then().statusCode(401);
        PortalForms.SignedIn member = PortalForms.signIn(writer);
        member.page().get("/organizations/" + org + "/audit").then().statusCode(403);
        member.page().get("/admin/audit").then().statusCode(403);
        member.page().get("/organizations/no-such-org-" + writer + "/audit").then().statusCode(404);
    }
}
