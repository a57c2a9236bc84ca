package dev.stoa.hub.web.account;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static dev.stoa.hub.identity.TestAccounts.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The account pages in a real headless Chromium: what a person sees and clicks. */
@QuarkusTest
class AccountBrowserTest {

    private static String stoa() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    @Test
    void aPrivateRepositoryIsHiddenAndAccessToAGatedOneIsAskedForAndGranted() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        TestRepos.Owned repo = gated.repo();
        String hidden = TestRepos.create(repo.token(), repo.user(), "model", true);
        String requester = TestAccounts.newUser();
        String requesterToken = TestAccounts.tokenOf(requester, "read");

        try (Browser browser = new Browser()) {
            browser.signInToStoa(stoa(), requester, PASSWORD);

            // The private repository: its address answers "not found", exactly like a missing one.
            for (String path : List.of("/" + hidden, "/" + hidden + "/ask-access", "/" + hidden + "/settings/access-requests",
                    "/" + repo.user() + "/" + TestAccounts.randomName("missing") + "/ask-access")) {
                browser.open(stoa() + path);
                assertThat(browser.driver().getTitle()).as(path).startsWith("Not Found");
                assertThat(browser.driver().getPageSource()).as(path).contains("HTTP 404");
            }
            // Listings: the API's, and the search and owner pages where this Stoa has them.
            assertThat(given().auth().oauth2(requesterToken).get("/api/models?author=" + repo.user())
                    .then().statusCode(200).extract().<List<String>>path("id")).contains(repo.id()).doesNotContain(hidden);
            assertThat(given().auth().oauth2(repo.token()).get("/api/models?author=" + repo.user())
                    .then().statusCode(200).extract().<List<String>>path("id")).contains(hidden);
            for (String listing : List.of("/models?search=" + hidden.substring(hidden.indexOf('/') + 1), "/" + repo.user())) {
                browser.open(stoa() + listing);
                assertThat(browser.driver().getPageSource()).as(listing).doesNotContain(hidden);
            }

            // Ask for access with the card's form.
            browser.open(stoa() + "/" + repo.id() + "/ask-access");
            browser.waitFor(By.id("field0")).sendKeys("Acme");
            new Select(browser.driver().findElement(By.id("field1"))).selectByVisibleText("France");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = '2026-01-02'",
                    browser.driver().findElement(By.id("field2")));
            new Select(browser.driver().findElement(By.id("field3"))).selectByVisibleText("Research");
            browser.driver().findElement(By.id("field4")).click();
            assertThat(browser.driver().findElement(By.id("access-status")).getText()).contains("not requested access yet");
            browser.screenshot("portal-ask-access");
            browser.driver().findElement(By.cssSelector("form.gate-form button[type='submit']")).click();
            assertThat(browser.waitFor(By.id("access-notice")).getText()).contains("Your request was sent");
            assertThat(browser.driver().findElement(By.id("access-status")).getText()).contains("pending");
            GatedRepos.head(requesterToken, repo, "config.json").then().statusCode(403);

            // The owner accepts it on the repository's access-requests page.
            browser.driver().manage().deleteAllCookies();
            browser.signInToStoa(stoa(), repo.user(), PASSWORD);
            browser.open(stoa() + "/" + repo.id() + "/settings/access-requests");
            WebElement row = browser.waitFor(By.cssSelector("tr[data-user='" + requester + "']"));
            assertThat(row.getText()).contains("Acme").contains("France").contains("Research");
            browser.screenshot("portal-access-requests");
            row.findElement(By.cssSelector("button[aria-label='Accept the request of " + requester + "']")).click();
            assertThat(browser.waitFor(By.id("requests-notice")).getText()).contains("Request accepted");

            // The requester downloads, with a token and in the browser.
            assertThat(GatedRepos.get(requesterToken, repo, "config.json").then().statusCode(200).extract().asString())
                    .contains("gpt2");
            browser.driver().manage().deleteAllCookies();
            browser.signInToStoa(stoa(), requester, PASSWORD);
            browser.open(stoa() + "/" + repo.id() + "/ask-access");
            assertThat(browser.waitFor(By.id("access-status")).getText()).contains("accepted");
            Object status = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/" + repo.id() + "/resolve/main/config.json').then(r => done(r.status));");
            assertThat(((Number) status).intValue()).isEqualTo(200);
        }
    }

    @Test
    void createATokenSeeItOnceAndRevokeIt() {
        String user = TestAccounts.newUser();
        String member = TestAccounts.newUser();
        String org = TestOrgs.newOrg(user);
        TestOrgs.addMember(org, user, member, "write");
        TestAccounts.tokenOf(user, "read");

        try (Browser browser = new Browser()) {
            browser.signInToStoa(stoa(), user, PASSWORD);
            browser.open(stoa() + "/settings/tokens");
            browser.waitFor(By.id("token-name"));
            browser.screenshot("portal-tokens");

            browser.driver().findElement(By.id("token-name")).sendKeys("laptop");
            browser.driver().findElement(By.cssSelector("input[name='scope'][value='write']")).click();
            new Select(browser.driver().findElement(By.id("token-expiry"))).selectByValue("30");
            browser.driver().findElement(By.cssSelector("form.token-form button[type='submit']")).click();
            String secret = browser.waitFor(By.id("new-token")).getText();
            assertThat(secret).matches("stoa_[A-Za-z0-9]{40}");
            browser.screenshot("portal-token-created");
            given().auth().oauth2(secret).get("/api/whoami-v2").then().statusCode(200).body("name", equalTo(user));

            // Shown once: the list page no longer has it.
            browser.open(stoa() + "/settings/tokens");
            browser.waitFor(By.cssSelector("button[aria-label='Revoke the token laptop']"));
            assertThat(browser.driver().getPageSource()).doesNotContain(secret);
            browser.driver().findElement(By.cssSelector("button[aria-label='Revoke the token laptop']")).click();
            browser.waitForUrlStartingWith(stoa() + "/settings/tokens?notice=revoked");
            assertThat(browser.driver().findElements(By.cssSelector("button[aria-label='Revoke the token laptop']"))).isEmpty();
            given().auth().oauth2(secret).get("/api/whoami-v2").then().statusCode(401);

            browser.open(stoa() + "/organizations/" + org + "/members");
            browser.waitFor(By.cssSelector("tr[data-member='" + member + "']"));
            browser.screenshot("portal-org-members");
        }
    }
}
