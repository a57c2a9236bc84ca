package dev.stoa.hub.web.browse;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.web.PortalForms;
import dev.stoa.hub.web.browse.BrowseFixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class NamespacePageTest {

    @Test
    void aUsersPageShowsPrivateRepositoriesOnlyToThoseWhoMaySeeThem() {
        Account owner = Account.create();
        String open = BrowseFixtures.repo(owner, owner.name(), "open-model", "model", false);
        String hidden = BrowseFixtures.repo(owner, owner.name(), "hidden-model", "model", true);
        String data = BrowseFixtures.repo(owner, owner.name(), "open-data", "dataset", false);
        String hiddenData = BrowseFixtures.repo(owner, owner.name(), "hidden-data", "dataset", true);

        for (var request : new io.restassured.specification.RequestSpecification[] {
                given(), PortalForms.signIn(TestAccounts.newUser()).page()}) {
            String page = request.get("/" + owner.name()).then().statusCode(200).extract().asString();
            assertThat(page).contains(open, data, "<b>Models</b> 1", "<b>Datasets</b> 1", "href=\"/datasets/" + data + "\"")
                    .doesNotContain(hidden, hiddenData, "Private");
        }
        String own = PortalForms.signIn(owner.name()).page().get("/" + owner.name()).then().statusCode(200).extract().asString();
        assertThat(own).contains(open, hidden, data, hiddenData, "<b>Models</b> 2", "<b>Datasets</b> 2", "Private", "New repository");
        // a curator may read every repository, private ones included
        String curator = TestAccounts.newUser();
        TestOrgs.setPlatformRole(curator, "curator");
        PortalForms.signIn(curator).page().get("/" + owner.name()).then().statusCode(200).body(containsString(hidden));
    }

    @Test
    void aUsersPageListsWhatTheyLikeThatTheViewerMaySee() {
        Account fan = Account.create();
        Account other = Account.create();
        String open = BrowseFixtures.repo(other, other.name(), "liked-model", "model", false);
        String own = BrowseFixtures.repo(fan, fan.name(), "own-secret", "model", true);
        BrowseFixtures.like(fan.token(), "model", open);
        BrowseFixtures.like(fan.token(), "model", own);

        given().get("/" + fan.name()).then().statusCode(200)
                .body(containsString("href=\"/" + open + "\"")).body(not(containsString(own)));
        PortalForms.signIn(fan.name()).page().get("/" + fan.name()).then().statusCode(200)
                .body(containsString("href=\"/" + own + "\""));
    }

    @Test
    void anOrganisationsPageShowsMembersToMembersAndItsPrivateRepositoriesToThem() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String reader = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, reader, "read");
        Account adminAccount = new Account(admin, TestAccounts.tokenOf(admin, "write"));
        String open = BrowseFixtures.repo(adminAccount, org, "team-model", "model", false);
        String hidden = BrowseFixtures.repo(adminAccount, org, "team-secret", "model", true);

        given().get("/" + org).then().statusCode(200)
                .body(containsString("Organisation")).body(containsString(open)).body(not(containsString(hidden)))
                .body(containsString("Only the organisation's members see who belongs to it."))
                .body(not(containsString("href=\"/" + reader + "\"")));
        PortalForms.signIn(TestAccounts.newUser()).page().get("/" + org).then().statusCode(200)
                .body(not(containsString(hidden))).body(not(containsString("href=\"/" + reader + "\"")));
        PortalForms.signIn(reader).page().get("/" + org).then().statusCode(200)
                .body(containsString(hidden)).body(containsString("href=\"/" + reader + "\""))
                .body(containsString("href=\"/" + admin + "\"")).body(containsString(">admin<"));
    }

    @Test
    void aMissingNamespaceIsANotFoundPageAndHostileNamesAreEscaped() {
        given().get("/nobody-" + System.nanoTime()).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("no user or organisation"));

        String admin = TestAccounts.newUser();
        String org = TestAccounts.randomName("org");
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", org, "fullname", "<script>alert(1)</script> & \"Co\""))
                .post("/api/v1/organizations").then().statusCode(201);
        given().get("/" + org).then().statusCode(200)
                .body(not(containsString("<script>alert(1)")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"));
    }
}
