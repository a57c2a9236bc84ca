package dev.stoa.hub.web.browse;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.Browser;
import dev.stoa.hub.web.browse.BrowseFixtures.Account;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The browse pages in a real Chromium: find a model through the facets, then its owner's page; screenshots. */
@QuarkusTest
class BrowseBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aVisitorFindsAnAdapterThroughTheFacetsAndVisitsItsOwner() {
        String stoa = base.toString().replaceAll("/$", "");
        String marker = BrowseFixtures.marker("shot");
        Account owner = Account.create();
        String baseModel = BrowseFixtures.repo(owner, owner.name(), marker + "-llm-7b", "model", false);
        BrowseFixtures.card(owner, "model", baseModel, "license: apache-2.0\npipeline_tag: text-generation\n"
                + "library_name: transformers\ntags: [chat, english]");
        String adapter = BrowseFixtures.repo(owner, owner.name(), marker + "-llm-7b-lora-legal", "model", false);
        BrowseFixtures.card(owner, "model", adapter, "license: apache-2.0\nbase_model: " + baseModel
                + "\nbase_model_relation: adapter\nlibrary_name: peft\npipeline_tag: text-generation\ntags: [legal]");
        String quantized = BrowseFixtures.repo(owner, owner.name(), marker + "-llm-7b-q4", "model", false);
        BrowseFixtures.card(owner, "model", quantized, "license: apache-2.0\nbase_model: " + baseModel
                + "\nbase_model_relation: quantized\nlibrary_name: gguf");
        String hidden = BrowseFixtures.repo(owner, owner.name(), marker + "-private-notes", "model", true);
        BrowseFixtures.repo(owner, owner.name(), marker + "-eval-set", "dataset", false);
        BrowseFixtures.like(owner.token(), "model", adapter);

        try (Browser browser = new Browser()) {
            browser.open(stoa + "/");
            browser.waitFor(By.id("recent"));
            assertThat(browser.driver().getPageSource()).contains(adapter).doesNotContain(hidden);
            browser.screenshot("portal-home");

            // search from the home page, then narrow to adapters with the kind facet
            WebElement search = browser.waitFor(By.id("home-search"));
            search.sendKeys(marker);
            search.submit();
            browser.waitFor(By.cssSelector(".result-count"));
            assertThat(browser.driver().findElement(By.cssSelector(".result-count")).getText()).isEqualTo("3 models");
            browser.driver().findElement(By.xpath("//section[@aria-labelledby='facet-kind']//a[.//span[text()='Adapter']]")).click();
            browser.waitFor(By.cssSelector(".active-filters"));
            assertThat(browser.driver().findElement(By.cssSelector(".result-count")).getText()).isEqualTo("1 model");
            List<WebElement> cards = browser.driver().findElements(By.cssSelector(".results .repo-card .name"));
            assertThat(cards).extracting(WebElement::getText).containsExactly(adapter);
            browser.screenshot("portal-search");

            // remove the kind's chip again: all three are back
            browser.driver().findElement(By.cssSelector(".active-filters a.chip[aria-label='Remove filter Kind: Adapter']")).click();
            browser.waitFor(By.cssSelector(".result-count"));
            assertThat(browser.driver().findElement(By.cssSelector(".result-count")).getText()).isEqualTo("3 models");

            // as the owner, whose own page shows the private repository too
            browser.signInToStoa(stoa, owner.name(), TestAccounts.PASSWORD);
            browser.open(stoa + "/" + owner.name());
            browser.waitFor(By.id("ns-models"));
            assertThat(browser.driver().getPageSource()).contains(hidden, adapter, marker + "-eval-set");
            browser.screenshot("portal-user");
        }
    }
}
