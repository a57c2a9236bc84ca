package dev.stoa.hub.web.policy;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import static org.assertj.core.api.Assertions.assertThat;

/** The organisation policy editor in a real headless Chromium: an admin saves a version and sees it in the history. */
@QuarkusTest
class PolicyBrowserTest {

    private static String stoa() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    @Test
    void anAdminSavesANewVersionWithTheFormAndSeesItInTheHistory() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        try (Browser browser = new Browser()) {
            browser.signInToStoa(stoa(), admin, TestAccounts.PASSWORD);
            browser.open(stoa() + "/organizations/" + org + "/policy");
            browser.waitFor(By.id("requiredChecks")).sendKeys("pickle-scanner/pickle\ncard-check/card");
            browser.driver().findElement(By.id("licensesDenied")).sendKeys("cc-by-nc-4.0");
            browser.driver().findElement(By.cssSelector("label[for='membersPublishWithoutReview']")).click();
            browser.driver().findElement(By.id("note")).sendKeys("Reviewed publishing from now on");
            browser.driver().findElement(By.cssSelector(".policy-form button[type='submit']")).click();

            browser.waitFor(By.cssSelector("p.notice.ok"));
            assertThat(browser.driver().findElement(By.cssSelector(".policy-in-force")).getText())
                    .contains("organisation " + org + " v1");
            String history = browser.driver().findElement(By.cssSelector(".policy-history")).getText();
            assertThat(history).contains("v1 by " + admin, "Reviewed publishing from now on",
                    "Required checks: pickle-scanner/pickle, card-check/card",
                    "Members' new repositories are created private until an admin publishes them");
            assertThat(browser.driver().findElement(By.id("membersPublishWithoutReview")).isSelected()).isFalse();
            assertThat(browser.driver().findElement(By.id("requiredChecks")).getAttribute("value"))
                    .isEqualTo("pickle-scanner/pickle\ncard-check/card");
            browser.screenshot("policy-editor");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.open(stoa() + "/organizations/" + org + "/policy");
            browser.waitFor(By.id("requiredChecks"));
            Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(390);
            browser.screenshot("policy-editor-phone");
        }
    }
}
