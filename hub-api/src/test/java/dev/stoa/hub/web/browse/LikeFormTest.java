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
class LikeFormTest {

    @Test
    void theLikeButtonWorksAsAPlainFormAndLeadsBackToTheRepository() {
        Account owner = Account.create();
        String model = BrowseFixtures.repo(owner, owner.name(), "liked-by-form", "model", false);
        String dataset = BrowseFixtures.repo(owner, owner.name(), "liked-data", "dataset", false);
        PortalForms.SignedIn fan = PortalForms.signIn(TestAccounts.newUser());

        fan.form().redirects().follow(false).formParam("action", "like").post("/" + model + "/like")
                .then().statusCode(303).header("Location", containsString("/" + model));
        fan.form().redirects().follow(false).formParam("action", "like").post("/" + model + "/like").then().statusCode(303);
        assertThat(likes("models", model)).isEqualTo(1);
        fan.form().redirects().follow(false).formParam("action", "like").post("/datasets/" + dataset + "/like")
                .then().statusCode(303).header("Location", containsString("/datasets/" + dataset));
        assertThat(likes("datasets", dataset)).isEqualTo(1);
        fan.form().redirects().follow(false).formParam("action", "unlike").formParam("next", "//evil.example/")
                .post("/" + model + "/like").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.not(containsString("evil")));
        assertThat(likes("models", model)).isZero();
    }

    @Test
    void aForgedAnonymousOrBlindLikeIsRefused() {
        Account owner = Account.create();
        String model = BrowseFixtures.repo(owner, owner.name(), "guarded", "model", false);
        String hidden = BrowseFixtures.repo(owner, owner.name(), "hidden", "model", true);
        PortalForms.SignedIn fan = PortalForms.signIn(TestAccounts.newUser());

        fan.page().redirects().follow(false).formParam("csrf", "forged").formParam("action", "like")
                .post("/" + model + "/like").then().statusCode(403);
        PortalForms.form().redirects().follow(false).formParam("action", "like").post("/" + model + "/like")
                .then().statusCode(401).contentType(containsString("text/html")).body(containsString("Sign in"));
        fan.form().redirects().follow(false).formParam("action", "like").post("/" + hidden + "/like")
                .then().statusCode(404).contentType(containsString("text/html"));
        assertThat(likes("models", model)).isZero();
        given().auth().oauth2(owner.token()).get("/api/models/" + hidden).then().body("likes", org.hamcrest.Matchers.is(0));
    }

    private static int likes(String plural, String id) {
        return given().get("/api/" + plural + "/" + id).then().statusCode(200).extract().path("likes");
    }
}
