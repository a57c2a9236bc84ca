package dev.stoa.hub.web.account;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class OrganizationPagesTest {

    @Test
    void anonymousVisitorsAreOfferedToSignIn() {
        given().get("/settings/organizations").then().statusCode(401).body(containsString("/login?next="));
        given().get("/organizations/new").then().statusCode(401);
        String org = TestOrgs.newOrg(TestAccounts.newUser());
        given().get("/organizations/" + org + "/members").then().statusCode(401).contentType("text/html");
    }

    @Test
    void createAnOrganisationAndManageItsMembers() {
        String admin = TestAccounts.newUser();
        String member = TestAccounts.newUser();
        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.page().get("/settings/organizations").then().statusCode(200).body(containsString("You belong to no organisation"));
        browser.page().get("/organizations/new").then().statusCode(200).body(containsString("New organisation"));

        String org = TestAccounts.randomName("org");
        browser.form().redirects().follow(false).formParam("name", org).formParam("fullname", "Our <Lab>")
                .post("/organizations/new").then().statusCode(303)
                .header("Location", containsString("/organizations/" + org + "/members?notice=created"));
        browser.page().get("/settings/organizations").then().statusCode(200)
                .body(containsString("/organizations/" + org + "/members")).body(containsString("Our &lt;Lab&gt;"));
        browser.page().get("/organizations/" + org + "/members?notice=created").then().statusCode(200)
                .body(containsString("Organisation created")).body(containsString("data-member=\"" + admin + "\""))
                .body(containsString("Add a member"));

        browser.form().redirects().follow(false).formParam("user", member).formParam("role", "write")
                .post("/organizations/" + org + "/members").then().statusCode(303);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get("/api/v1/organizations/" + org + "/members")
                .then().body("find { it.user == '" + member + "' }.role", equalTo("write"));

        browser.form().redirects().follow(false).formParam("role", "read")
                .post("/organizations/" + org + "/members/" + member + "/role").then().statusCode(303);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get("/api/v1/organizations/" + org + "/members")
                .then().body("find { it.user == '" + member + "' }.role", equalTo("read"));

        browser.form().formParam("user", "no-such-user-here").formParam("role", "read")
                .post("/organizations/" + org + "/members").then().statusCode(404)
                .body(containsString("There is no user named"))
                .body(containsString("value=\"no-such-user-here\""));

        browser.form().redirects().follow(false).post("/organizations/" + org + "/members/" + member + "/remove")
                .then().statusCode(303).header("Location", containsString("notice=removed"));
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get("/api/v1/organizations/" + org + "/members")
                .then().body("user", not(hasItem(member)));
    }

    @Test
    void theLastAdminCannotLeaveOrStepDownAndIsToldWhy() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.form().post("/organizations/" + org + "/members/" + admin + "/remove").then().statusCode(409)
                .contentType("text/html")
                .body(containsString("they are the last admin of " + org))
                .body(containsString("Promote another member to admin first"))
                .body(containsString("data-member=\"" + admin + "\""));
        browser.form().formParam("role", "write").post("/organizations/" + org + "/members/" + admin + "/role")
                .then().statusCode(409).body(containsString("last admin"));
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get("/api/v1/organizations/" + org + "/members")
                .then().body("find { it.user == '" + admin + "' }.role", equalTo("admin"));
    }

    @Test
    void membersSeeTheListAndMayLeaveButOnlyAdminsManage() {
        String admin = TestAccounts.newUser();
        String member = TestAccounts.newUser();
        String outsider = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, member, "write");

        PortalForms.SignedIn asMember = PortalForms.signIn(member);
        asMember.page().get("/organizations/" + org + "/members").then().statusCode(200)
                .body(containsString("data-member=\"" + admin + "\""))
                .body(not(containsString("Add a member")))
                .body(containsString("aria-label=\"Leave " + org + "\""))
                .body(not(containsString("Remove " + admin)));
        asMember.form().formParam("user", outsider).formParam("role", "admin")
                .post("/organizations/" + org + "/members").then().statusCode(403).contentType("text/html");
        asMember.form().post("/organizations/" + org + "/members/" + admin + "/remove").then().statusCode(403);
        asMember.form().formParam("role", "admin").post("/organizations/" + org + "/members/" + member + "/role")
                .then().statusCode(403);

        PortalForms.SignedIn asOutsider = PortalForms.signIn(outsider);
        asOutsider.page().get("/organizations/" + org + "/members").then().statusCode(403)
                .body(containsString("Only members of " + org));
        asOutsider.page().get("/organizations/" + TestAccounts.randomName("missing") + "/members").then().statusCode(404);

        // A forged form is refused before anything changes.
        asMember.page().redirects().follow(false).formParam("csrf", "forged")
                .post("/organizations/" + org + "/members/" + member + "/remove").then().statusCode(403);
        asMember.form().redirects().follow(false).post("/organizations/" + org + "/members/" + member + "/remove")
                .then().statusCode(303).header("Location", containsString("/settings/organizations?notice=left"));
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get("/api/v1/organizations/" + org + "/members")
                .then().body("user", not(hasItem(member)));
    }

    @Test
    void aTakenOrInvalidNameIsRefusedOnTheForm() {
        String admin = TestAccounts.newUser();
        String taken = TestOrgs.newOrg(admin);
        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.form().formParam("name", taken).post("/organizations/new").then().statusCode(409)
                .body(containsString("value=\"" + taken + "\""));
        browser.form().formParam("name", "settings").post("/organizations/new").then().statusCode(400)
                .body(containsString("reserved"));
        browser.page().formParam("name", TestAccounts.randomName("org")).post("/organizations/new").then().statusCode(403);
    }
}
