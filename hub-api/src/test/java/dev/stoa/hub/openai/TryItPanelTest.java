package dev.stoa.hub.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.Browser;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The model card's "Try it" panel: the admission verdict before anyone asks, and a streamed answer in a real browser. */
@QuarkusTest
class TryItPanelTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aModelNoRunnerServesShowsWhyAndAnonymousVisitorsAreAskedToSignIn() {
        TestRepos.Owned gpt2 = TestRepos.newRepo("model", false);
        TestRepos.commit(gpt2, "main", TestRepos.ndjson("config only").file("README.md", "# GPT-2 style\n")
                .file("config.json", "{\"architectures\": [\"GPT2LMHeadModel\"], \"model_type\": \"gpt2\"}"));
        String page = given().auth().oauth2(gpt2.token()).get("/" + gpt2.id()).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"try-refusal\"", "cpu-runner/cpu cannot serve " + gpt2.id(),
                "not GPT2LMHeadModel", "the model has no safetensors weights");

        TestRepos.Owned tiny = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(tiny, TinyModel.llama(31));
        String anonymous = given().get("/" + tiny.id()).then().statusCode(200).extract().asString();
        assertThat(anonymous).contains("Sign in to try this model").doesNotContain("try-refusal");

        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(hidden, TinyModel.llama(33));
        assertThat(given().auth().oauth2(hidden.token()).get("/" + hidden.id()).then().statusCode(200).extract().asString())
                .contains("id=\"try-refusal\"", hidden.id() + " is private");

        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("data").file("README.md", "# Data\n"));
        assertThat(given().get("/datasets/" + dataset.id()).then().statusCode(200).extract().asString())
                .doesNotContain("Try it");
    }

    @Test
    void aSignedInVisitorStreamsACompletionThatMatchesTheApi() throws Exception {
        TestRepos.Owned tiny = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(tiny, TinyModel.llama(32));
        String expected = given().auth().oauth2(tiny.token()).contentType(ContentType.JSON)
                .body(Map.of("model", tiny.id(), "prompt", "the cat", "max_tokens", 8, "temperature", 0))
                .post("/v1/completions").then().statusCode(200).extract().path("choices[0].text");
        String stoa = base.toString().replaceAll("/$", "");
        try (Browser browser = new Browser()) {
            browser.signInToStoa(stoa, tiny.user(), TestAccounts.PASSWORD);
            browser.open(stoa + "/" + tiny.id());
            WebElement prompt = browser.waitFor(By.id("try-prompt"));
            prompt.clear();
            prompt.sendKeys("the cat");
            new Select(browser.driver().findElement(By.name("mode"))).selectByValue("completion");
            setNumber(browser, "max_tokens", "8");
            setNumber(browser, "temperature", "0");
            browser.driver().findElement(By.cssSelector(".try-form button")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d ->
                    d.findElement(By.id("try-status")).getText().startsWith("Answered by cpu-runner/cpu"));
            Object shown = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.getElementById('try-output').textContent");
            assertThat(shown).isEqualTo("the cat" + expected);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.getElementById('try-it').scrollIntoView()");
            browser.screenshot("portal-try-it");
        }
    }

    private static void setNumber(Browser browser, String name, String value) {
        WebElement input = browser.driver().findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }
}
