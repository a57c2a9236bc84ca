package dev.stoa.hub.web.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The portal's deployment pages: a writer sees each runner's verdict and deploys from the model's Deploy tab, watches
 * the status timeline, finds it in the list, and deletes it; mistakes come back in the form; others see nothing.
 */
@QuarkusTest
class DeployPagesTest {

    @Test
    void aWriterDeploysWatchesAndDeletesFromThePortal() throws InterruptedException {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(repo, TinyModel.llama(71));
        PortalForms.SignedIn browser = PortalForms.signIn(repo.user());

        String tab = browser.page().get("/" + repo.id() + "/deploy").then().statusCode(200).extract().asString();
        assertThat(tab).contains("data-runner=\"cpu-runner/cpu\"><span class=\"badge ok\">can serve it</span>")
                .contains("data-runner=\"openai-endpoint/endpoint\"><span class=\"badge error\">cannot</span>")
                .contains("base-url").contains("None that you can see.");
        assertThat(browser.page().get("/" + repo.id()).then().statusCode(200).extract().asString())
                .contains("href=\"/" + repo.id() + "/deploy\"");

        // A mistake comes back in the form, with what was typed.
        Response refused = browser.form().formParam("name", "Bad Name").formParam("owner", repo.user())
                .formParam("runner", "cpu-runner/cpu").formParam("scaleToZero", "5").post("/" + repo.id() + "/deploy");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("lowercase letters").contains("value=\"Bad Name\"");

        Response created = browser.form().redirects().follow(false).formParam("name", "portal-tiny")
                .formParam("owner", repo.user()).formParam("runner", "cpu-runner/cpu").formParam("scaleToZero", "5")
                .formParam("options", "").post("/" + repo.id() + "/deploy");
        assertThat(created.statusCode()).isEqualTo(303);
        String page = "/deployments/" + repo.user() + "/portal-tiny";
        assertThat(created.header("Location")).endsWith(page);

        String shown = "";
        for (int i = 0; i < 300; i++) {
            shown = browser.page().get(page).then().statusCode(200).extract().asString();
            if (shown.contains("id=\"deployment-state\">ready")) {
                break;
            }
            assertThat(shown).as("while it starts, the page refreshes itself").contains("http-equiv=\"refresh\"");
            Thread.sleep(100);
        }
        assertThat(shown).contains("id=\"deployment-state\">ready").doesNotContain("http-equiv=\"refresh\"")
                .contains("created by " + repo.user()).contains("loading " + repo.id())
                .contains("after 5 idle minutes").contains("\"model\": \"" + repo.id() + "\"");
        assertThat(browser.page().get("/deployments").then().statusCode(200).extract().asString())
                .contains("data-deployment=\"" + repo.user() + "/portal-tiny\"");
        assertThat(browser.page().get("/" + repo.id() + "/deploy").then().statusCode(200).extract().asString())
                .contains("data-deployment=\"" + repo.user() + "/portal-tiny\"");

        // Others: no page, no list entry, no deploy tab.
        PortalForms.SignedIn other = PortalForms.signIn(TestAccounts.newUser());
        other.page().get(page).then().statusCode(404);
        assertThat(other.page().get("/deployments").then().statusCode(200).extract().asString())
                .doesNotContain("portal-tiny");
        other.page().get("/" + repo.id() + "/deploy").then().statusCode(404);
        given().get("/deployments").then().statusCode(401).body(containsString("Sign in to see your deployments."));

        browser.form().redirects().follow(false).post(page + "/delete").then().statusCode(303)
                .header("Location", containsString("/deployments?notice=deleted"));
        browser.page().get(page).then().statusCode(404);
    }
}
