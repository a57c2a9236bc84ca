package dev.stoa.hub.web.policy;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The policy editor pages: who sees and changes what, versions in the history, hostile input escaped. */
@QuarkusTest
class PolicyPagesTest {

    @Test
    void organisationAdminsSaveVersionsMembersReadOthersCannot() {
        String admin = TestAccounts.newUser();
        String member = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, member, "read");
        String page = "/organizations/" + org + "/policy";

        given().redirects().follow(false).get(page).then().statusCode(401);
        PortalForms.signIn(TestAccounts.newUser()).page().get(page).then().statusCode(403);
        PortalForms.signIn(admin).page().get("/organizations/no-such-" + org + "/policy").then().statusCode(404);

        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.page().get(page).then().statusCode(200)
                .body(allOf(containsString("Policy of " + org), containsString("inherited from the platform"),
                        containsString("Save as a new version"), containsString("No version saved yet")));

        browser.form().redirects().follow(false)
                .formParam("requiredChecks", "pickle-scanner/pickle\ncard-check/card")
                .formParam("licensesDenied", "cc-by-nc-4.0")
                .formParam("onFailedCheck", "block-curation")
                .formParam("requiredCardFields", "license")
                .formParam("minCardCompleteness", "60")
                .formParam("requiredEvaluations", "acme/tiny-arc/tiny_arc")
                .formParam("note", "<script>alert(1)</script> & more")
                .post(page).then().statusCode(303).header("Location", containsString(page + "?notice=saved"));
        browser.form().redirects().follow(false).formParam("onFailedCheck", "warn").formParam("membersPublishWithoutReview", "true")
                .post(page).then().statusCode(303);

        browser.page().get(page + "?notice=saved").then().statusCode(200)
                .body(allOf(containsString("New version saved."), containsString("organisation " + org + " v2"),
                        containsString("data-version=\"2\""), containsString("data-version=\"1\""),
                        containsString("Required checks: pickle-scanner/pickle, card-check/card; on failure: block-curation"),
                        containsString("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), not(containsString("<script>alert(1)")),
                        containsString("Least documentation completeness: 60%; required evaluations: acme/tiny-arc/tiny_arc")));

        browser.form().formParam("minCardCompleteness", "lots").post(page).then().statusCode(400)
                .body(containsString("a percentage from 0 to 100"));

        browser.form().formParam("requiredChecks", "Not A Check").post(page).then().statusCode(400)
                .body(allOf(containsString("id=\"policy-error\""), containsString("Not A Check")));

        PortalForms.SignedIn reader = PortalForms.signIn(member);
        reader.page().get(page).then().statusCode(200)
                .body(allOf(containsString("organisation " + org + " v2"), containsString("<fieldset disabled>"),
                        not(containsString("Save as a new version"))));
        reader.form().formParam("onFailedCheck", "warn").post(page).then().statusCode(403);
        PortalForms.form().redirects().follow(false).formParam("onFailedCheck", "warn").post(page).then().statusCode(401);
    }

    @Test
    void onlyPlatformAdminsOpenThePlatformPolicyEditor() {
        given().redirects().follow(false).get("/admin/policy").then().statusCode(401);
        PortalForms.signIn(TestAccounts.newUser()).page().get("/admin/policy").then().statusCode(403);
        PortalForms.SignedIn user = PortalForms.signIn(TestAccounts.newUser());
        user.form().formParam("onFailedCheck", "warn").post("/admin/policy").then().statusCode(403);

        String admin = TestAccounts.newUser();
        TestOrgs.setPlatformRole(admin, "admin");
        PortalForms.SignedIn browser = PortalForms.signIn(admin);
        browser.page().get("/admin/policy").then().statusCode(200)
                .body(allOf(containsString("Platform policy"), containsString("Save as a new version")));
        // a permissive version, like the built-in default, so other tests are not affected
        browser.form().redirects().follow(false).formParam("onFailedCheck", "block-curation")
                .formParam("membersPublishWithoutReview", "true").formParam("note", "portal test")
                .post("/admin/policy").then().statusCode(303).header("Location", containsString("/admin/policy?notice=saved"));
        browser.page().get("/admin/policy").then().statusCode(200).body(containsString("portal test"));
    }
}
