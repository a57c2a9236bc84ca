package dev.stoa.hub.web.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.Browser;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.Test;

/**
 * In a real headless Chromium: a user runs a task from a model's Evaluation tab, watches it finish without reloading,
 * follows it to the leaderboard, whose chart the browser renders, and opens the audit report.
 */
@QuarkusTest
class EvaluationBrowserTest {

    private static String stoa() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    @Test
    void aUserRunsATaskAndSeesItOnTheLeaderboardChart() {
        TestRepos.Owned model = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(model, TinyModel.llama(89));
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Task")
                .file("test.jsonl", "{\"q\": \"1+1\", \"label\": 1}\n{\"q\": \"2+1\", \"label\": 2}\n{\"q\": \"0+0\", \"label\": 0}\n")
                .file("task.yaml", """
                        task: tiny_sums
                        dataset_path: %s
                        output_type: multiple_choice
                        test_split: test
                        doc_to_text: "Q: {{q}}="
                        doc_to_target: "{{label}}"
                        doc_to_choice: ["0", "2", "3"]
                        """.formatted(dataset.id())));
        String user = TestAccounts.newUser();
        try (Browser browser = new Browser()) {
            browser.signInToStoa(stoa(), user, TestAccounts.PASSWORD);
            browser.open(stoa() + "/" + model.id() + "/evaluation");
            browser.waitFor(By.id("evaluate-task")).sendKeys(dataset.id() + "/tiny_sums");
            browser.driver().findElement(By.cssSelector(".evaluate-form button[type='submit']")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(120)).until(d ->
                    !d.findElements(By.cssSelector("tr[data-status='succeeded']")).isEmpty());
            assertThat(browser.driver().findElement(By.id("runs")).getText()).contains("acc", "±", "run record");
            browser.screenshot("evaluation-tab");

            browser.driver().findElement(By.linkText(dataset.id() + "/tiny_sums")).click();
            browser.waitFor(By.id("leaderboard"));
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> ((Number) ((JavascriptExecutor) d)
                    .executeScript("var i = document.querySelector('figure.chart img');"
                            + " return i && i.complete ? i.naturalWidth : 0")).intValue() > 0);
            assertThat(browser.driver().findElement(By.id("leaderboard")).getText()).contains(model.id());
            browser.screenshot("leaderboard");

            browser.open(stoa() + "/api/v1/repos/models/" + model.id() + "/audit-report?format=html");
            browser.waitFor(By.id("completeness"));
            assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Documentation completeness",
                    "Gaps", "tiny_sums");
            browser.screenshot("audit-report");
        }
    }
}
