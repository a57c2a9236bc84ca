package dev.stoa.hub.web.publish;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing from a real browser (headless Chromium): create a repository through the form, upload a 300 MB file
 * and a folder through the upload page — interrupted by a reload part-way and continued from the parts already
 * stored —, download everything back through /resolve and compare SHA-256, edit the README with its preview.
 * The browser follows the absolute transfer links Stoa signs, so the app runs on a known port with
 * {@code stoa.base-url} pointing at it.
 */
@QuarkusTest
@TestProfile(PublishBrowserTest.OnKnownPort.class)
class PublishBrowserTest {

    public static class OnKnownPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = freePort();
            return Map.of("quarkus.http.test-port", String.valueOf(port), "stoa.base-url", "http://127.0.0.1:" + port);
        }
    }

    private static final long BIG = 300L * 1024 * 1024;

    @Test
    void createUploadResumeDownloadAndEditInChromium() throws Exception {
        String base = ConfigProvider.getConfig().getValue("stoa.base-url", String.class).replaceFirst("/+$", "");
        // Fresh random bytes each run: content Stoa already holds in a public repository would not be uploaded again.
        Path work = Files.createDirectories(Paths.get("target", "publish-e2e", TestAccounts.randomName("run")));
        Path weights = randomFile(work.resolve("weights.bin"), BIG, System.nanoTime());
        Path folder = Files.createDirectories(work.resolve("checkpoint"));
        Files.createDirectories(folder.resolve("sub/deeper"));
        Files.writeString(folder.resolve("config.json"), "{\"hidden_size\": 64}\n");
        Files.writeString(folder.resolve("sub/deeper/notes.txt"), "nested notes\n");
        randomFile(folder.resolve("sub/adapter.bin"), 3 * 1024 * 1024 + 5, System.nanoTime() + 1);

        String user = TestAccounts.newUser();
        String name = TestAccounts.randomName("e2e");
        try (Browser browser = new Browser()) {
            WebDriver driver = browser.driver();
            JavascriptExecutor js = (JavascriptExecutor) driver;
            browser.signInToStoa(base, user, TestAccounts.PASSWORD);

            // Create the repository through the form.
            browser.open(base + "/new");
            browser.waitFor(By.id("name")).sendKeys(name);
            new Select(driver.findElement(By.id("license"))).selectByValue("mit");
            browser.screenshot("portal-new-repo");
            driver.findElement(By.id("create-repo")).click();
            browser.waitForUrlStartingWith(base + "/" + user + "/" + name);

            // Start uploading; stop the page by reloading it once a few parts of the large file are stored.
            browser.open(base + "/" + user + "/" + name + "/upload/main");
            choose(browser, weights, folder);
            driver.findElement(By.id("commit-summary")).sendKeys("Weights and a checkpoint folder");
            driver.findElement(By.id("start-upload")).click();
            try {
                wait(driver, Duration.ofMinutes(4)).until(d -> storedParts(js) >= 3 || !d.findElements(By.id("upload-failed")).isEmpty());
            } finally {
                browser.screenshot("portal-upload-progress");
            }
            assertThat(driver.findElements(By.id("upload-failed"))).as(driver.findElement(By.id("uploader")).getText()).isEmpty();
            assertThat(driver.findElement(By.id("upload-summary")).getText()).contains("sent");
            driver.navigate().refresh();
            acceptLeaveDialog(driver);
            browser.waitFor(By.id("pick-files"));
            long storedBeforeReload = storedParts(js);
            assertThat(storedBeforeReload).isBetween(3L, 59L);

            // Choose the same files again: the upload goes on from the stored parts.
            js.executeScript("window.__partPuts = [];"
                    + "var open = XMLHttpRequest.prototype.open;"
                    + "XMLHttpRequest.prototype.open = function (m, u) { if (m === 'PUT') window.__partPuts.push(String(u)); return open.apply(this, arguments); };");
            choose(browser, weights, folder);
            driver.findElement(By.id("commit-summary")).sendKeys("Weights and a checkpoint folder");
            driver.findElement(By.id("start-upload")).click();
            browser.waitFor(By.id("upload-done"));
            browser.screenshot("portal-upload-done");
            WebElement bigRow = driver.findElement(By.cssSelector("#upload-list tr[data-parts]"));
            int parts = Integer.parseInt(bigRow.getDomAttribute("data-parts"));
            int resumed = Integer.parseInt(bigRow.getDomAttribute("data-resumed-parts"));
            assertThat(parts).isEqualTo(60);
            assertThat(resumed).isGreaterThanOrEqualTo(3);
            @SuppressWarnings("unchecked")
            List<String> puts = (List<String>) js.executeScript("return window.__partPuts;");
            long partPuts = puts.stream().filter(u -> u.contains("/parts/")).count();
            assertThat(partPuts).as("parts sent after the reload").isEqualTo(parts - resumed);
            assertThat(bigRow.getText()).contains("Committed");

            // The files tab lists them, the big one as LFS, and its download button is the link compared below.
            String repo = "/" + user + "/" + name + "/resolve/main/";
            browser.open(base + "/" + user + "/" + name + "/tree/main");
            WebElement weightsRow = browser.waitFor(By.xpath("//tr[td[@class='name']/a[text()='weights.bin']]"));
            assertThat(weightsRow.getText()).contains("LFS").contains("315 MB");
            assertThat(weightsRow.findElement(By.cssSelector("a[download]")).getDomAttribute("href"))
                    .startsWith(repo + "weights.bin");
            driver.findElement(By.linkText("checkpoint/")).click();
            browser.waitFor(By.linkText("sub/")).click();
            assertThat(browser.waitFor(By.linkText("adapter.bin")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.linkText("deeper/")).isDisplayed()).isTrue();
            browser.screenshot("portal-files-after-upload");

            // Every file comes back identical through /resolve.
            String token = TestAccounts.tokenOf(user, "read");
            assertThat(downloadSha(base, token, repo + "weights.bin")).isEqualTo(sha(weights));
            assertThat(downloadSha(base, token, repo + "checkpoint/config.json")).isEqualTo(sha(folder.resolve("config.json")));
            assertThat(downloadSha(base, token, repo + "checkpoint/sub/deeper/notes.txt")).isEqualTo(sha(folder.resolve("sub/deeper/notes.txt")));
            assertThat(downloadSha(base, token, repo + "checkpoint/sub/adapter.bin")).isEqualTo(sha(folder.resolve("sub/adapter.bin")));
            given().auth().oauth2(token).get("/api/models/" + user + "/" + name + "/commits/main").then().statusCode(200)
                    .body("[0].title", org.hamcrest.Matchers.equalTo("Weights and a checkpoint folder"));

            // Edit the README (created with the licence) with the live preview, and commit it.
            browser.open(base + "/" + user + "/" + name + "/edit/main/README.md");
            WebElement text = browser.waitFor(By.id("file-content"));
            assertThat((String) js.executeScript("return document.getElementById('file-content').value;")).contains("license: mit");
            text.sendKeys("\nA small model, **uploaded from the browser**.\n");
            wait(driver, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("preview")).getText().contains("uploaded from the browser"));
            assertThat(driver.findElement(By.cssSelector("#preview strong")).getText()).isEqualTo("uploaded from the browser");
            WebElement summary = driver.findElement(By.id("summary"));
            summary.clear();
            summary.sendKeys("Describe the model");
            js.executeScript("document.querySelector('.editor').scrollIntoView();");
            browser.screenshot("portal-edit-readme");
            driver.findElement(By.id("save-file")).click();
            browser.waitForUrlStartingWith(base + "/" + user + "/" + name + "/blob/main/README.md");
            given().auth().oauth2(token).get(repo + "README.md").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("A small model, **uploaded from the browser**."))
                    .body(org.hamcrest.Matchers.containsString("license: mit"));
            given().auth().oauth2(token).get("/api/models/" + user + "/" + name + "/commits/main").then()
                    .body("[0].title", org.hamcrest.Matchers.equalTo("Describe the model"));

            // The settings page, with the delete button asleep until the name is typed.
            browser.open(base + "/" + user + "/" + name + "/settings");
            assertThat(browser.waitFor(By.id("delete-repo")).isEnabled()).isFalse();
            driver.findElement(By.id("confirm")).sendKeys(user + "/" + name);
            assertThat(driver.findElement(By.id("delete-repo")).isEnabled()).isTrue();
            driver.findElement(By.id("confirm")).clear();
            js.executeScript("window.scrollTo(0, 0);");
            browser.screenshot("portal-settings");
        } finally {
            deleteTree(work);
        }
    }

    private static void choose(Browser browser, Path file, Path folder) {
        browser.driver().findElement(By.id("pick-files")).sendKeys(file.toAbsolutePath().toString());
        browser.driver().findElement(By.id("pick-folder")).sendKeys(folder.toAbsolutePath().toString());
        wait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#upload-list tbody tr")).size() == 4);
    }

    /** The parts of the large file stored so far, as the page remembers them for resuming. */
    private static long storedParts(JavascriptExecutor js) {
        Object n = js.executeScript("var most = 0;"
                + "for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                + "  if (k.indexOf('stoa-upload:') === 0) { var s = JSON.parse(localStorage.getItem(k));"
                + "    if (s && s.etags) most = Math.max(most, Object.keys(s.etags).length); } }"
                + "return most;");
        return ((Number) n).longValue();
    }

    private static void acceptLeaveDialog(WebDriver driver) {
        try {
            driver.switchTo().alert().accept();
        } catch (NoAlertPresentException e) {
            // the browser left without asking
        }
    }

    private static WebDriverWait wait(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(50));
        return wait;
    }

    private static Path randomFile(Path path, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long left = size; left > 0; ) {
                for (int i = 0; i < buffer.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        buffer[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                int n = (int) Math.min(buffer.length, left);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return path;
    }

    private static String sha(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return digest(in);
        }
    }

    /** Streams a download (300 MB do not fit the test's heap) and hashes it. */
    private static String downloadSha(String base, String token, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        try (InputStream in = response.body()) {
            return digest(in);
        }
    }

    private static String digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ do no harm
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
