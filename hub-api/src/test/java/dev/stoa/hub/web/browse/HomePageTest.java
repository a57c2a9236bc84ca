package dev.stoa.hub.web.browse;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.PortalForms;
import dev.stoa.hub.web.browse.BrowseFixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class HomePageTest {

    @Test
    void theHomePageListsRecentPopularAndLikedModelsButNoPrivateOneToOutsiders() {
        Account owner = Account.create();
        String marker = BrowseFixtures.marker("home");
        String open = BrowseFixtures.repo(owner, owner.name(), marker + "-open", "model", false);
        String data = BrowseFixtures.repo(owner, owner.name(), marker + "-data", "dataset", false);
        String hidden = BrowseFixtures.repo(owner, owner.name(), marker + "-hidden", "model", true);
        BrowseFixtures.like(owner.token(), "model", hidden);

        String anonymous = given().get("/").then().statusCode(200).extract().asString();
        assertThat(anonymous).contains("Recently updated", "Most downloaded", "Most liked", "Curators' picks",
                        "HF_ENDPOINT=", "href=\"/" + open + "\"", "href=\"/datasets/" + data + "\"")
                .doesNotContain(hidden);
        String stranger = PortalForms.signIn(TestAccounts.newUser()).page().get("/").then().statusCode(200).extract().asString();
        assertThat(stranger).contains(open).doesNotContain(hidden);
        String own = PortalForms.signIn(owner.name()).page().get("/").then().statusCode(200).extract().asString();
        assertThat(own).contains("href=\"/" + hidden + "\"", "Private");
    }

    @Test
    void theHomePageHeadingsAreInOrderAndTheSearchHasALabel() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertThat(page.indexOf("<h1")).isGreaterThan(0).isLessThan(page.indexOf("<h2"));
        assertThat(page).doesNotContain("<h3", "<h4");
        given().get("/").then().body(containsString("<label class=\"sr-only\" for=\"home-search\">"));
    }
}
