package dev.stoa.hub.web.repo;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The repository pages in a real headless Chromium, as the owner sees them; screenshots kept under target/screenshots. */
@QuarkusTest
class RepoPagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theOwnerReadsTheCardBrowsesFilesSwitchesBranchesAndSeesHistoryAndChecks() throws InterruptedException {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] weights = LfsClient.randomBytes(5000);
        String oid = TestRepos.uploadLfs(repo, weights);
        TestRepos.commit(repo, "main", TestRepos.ndjson("Add the adapter").file("README.md", """
                ---
                license: apache-2.0
                library_name: peft
                pipeline_tag: text-generation
                base_model: stoa-demo/base-7b
                base_model_relation: adapter
                datasets: [squad]
                language: [en, fr]
                tags: [lora, "<b>bold tag</b>"]
                ---
                # A small LoRA adapter

                A demonstration adapter. <script>alert('never')</script>

                | rank | alpha |
                |------|-------|
                | 16   | 32    |
                """).file("adapter_config.json", "{\n  \"r\": 16,\n  \"lora_alpha\": 32,\n  \"base_model_name_or_path\": \"stoa-demo/base-7b\"\n}\n")
                .file("configs/training.yaml", "epochs: 3\n").lfsFile("adapter_model.safetensors", oid, weights.length));
        TestRepos.commit(repo, "main", TestRepos.ndjson("Tune the training config").file("configs/training.yaml", "epochs: 4\n"));
        given().auth().oauth2(repo.token()).contentType("application/json").body("{}")
                .post("/api/models/" + repo.id() + "/branch/dev").then().statusCode(200);
        String stoa = base.toString().replaceAll("/$", "");

        try (Browser browser = new Browser()) {
            browser.signInToStoa(stoa, repo.user(), TestAccounts.PASSWORD);

            browser.open(stoa + "/" + repo.id());
            assertThat(browser.waitFor(By.cssSelector("article.markdown h1")).getText()).isEqualTo("A small LoRA adapter");
            assertThat(browser.driver().findElement(By.cssSelector("dl.meta")).getText()).contains("apache-2.0", "peft", "<b>bold tag</b>");
            assertThat(browser.driver().findElement(By.id("use-peft")).getText()).contains("export HF_ENDPOINT=http", "PeftModel");
            browser.screenshot("portal-repo-card");

            browser.driver().findElement(By.linkText("Files and versions")).click();
            browser.waitFor(By.linkText("configs/")).click();
            browser.waitFor(By.linkText("training.yaml"));
            browser.driver().findElement(By.cssSelector(".ref-switch summary")).click();
            browser.waitFor(By.linkText("dev")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().endsWith("/tree/dev/configs"));
            browser.driver().findElement(By.cssSelector("a[aria-label='Parent folder']")).click();
            browser.waitFor(By.linkText("adapter_model.safetensors"));
            assertThat(browser.driver().findElement(By.cssSelector("table")).getText()).contains("LFS", "5.0 kB");
            browser.screenshot("portal-repo-files");

            browser.driver().findElement(By.linkText("adapter_config.json")).click();
            assertThat(browser.waitFor(By.cssSelector("pre.source")).getText()).contains("\"lora_alpha\": 32");
            assertThat(browser.driver().findElement(By.cssSelector("dl.facts")).getText()).containsPattern("[0-9a-f]{64}");
            browser.screenshot("portal-repo-blob");

            browser.driver().findElement(By.linkText("Commits")).click();
            browser.waitFor(By.linkText("Tune the training config"));
            browser.screenshot("portal-repo-commits");
            browser.driver().findElement(By.linkText("Tune the training config")).click();
            assertThat(browser.waitFor(By.cssSelector("section.changes")).getText()).contains("modified", "configs/training.yaml");
            browser.screenshot("portal-repo-commit");

            awaitChecks(repo);
            browser.open(stoa + "/" + repo.id() + "/checks");
            assertThat(browser.waitFor(By.cssSelector("section.check-run")).getText()).isNotBlank();
            browser.screenshot("portal-repo-checks");

            // on a phone, in dark mode: nothing wider than the screen
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.open(stoa + "/" + repo.id() + "/tree/main");
            browser.waitFor(By.cssSelector("[data-theme-toggle]")).click();
            browser.waitFor(By.linkText("adapter_model.safetensors"));
            assertThat(horizontalOverflow(browser)).isLessThanOrEqualTo(0);
            browser.screenshot("portal-repo-files-phone-dark");
            browser.open(stoa + "/" + repo.id());
            browser.waitFor(By.cssSelector("article.markdown h1"));
            assertThat(horizontalOverflow(browser)).isLessThanOrEqualTo(0);
            browser.screenshot("portal-repo-card-phone-dark");
        }
    }

    private static long horizontalOverflow(Browser browser) {
        return ((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    private static void awaitChecks(TestRepos.Owned repo) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            List<Map<String, Object>> runs = given().get("/api/v1/repos/models/" + repo.id() + "/checks")
                    .then().statusCode(200).extract().jsonPath().getList("checks");
            if (!runs.isEmpty() && runs.stream().allMatch(r -> List.of("succeeded", "failed", "cancelled").contains(r.get("status")))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The checks of " + repo.id() + " did not finish in time");
    }
}
