package dev.stoa.hub.it;

import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.StoaProcess;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged app with nothing configured but its data folder: embedded PostgreSQL, local storage. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedModeIT {

    private static final Pattern PRINTED_TOKEN = Pattern.compile("stoa_[A-Za-z0-9]{16,}");
    private static final Pattern PASSWORD_WORD = Pattern.compile("(?i)\\bpassword\\b");

    @Test
    void servesThePortalHealthMetricsAndOpenApi(@TempDir Path dataDir) {
        try (StoaProcess app = StoaProcess.start(dataDir, Map.of()).awaitReady()) {
            Response home = get(app, "/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.contentType()).startsWith("text/html");
            assertThat(home.body().asString()).contains("Stoa");

            assertThat(get(app, "/q/health/ready").jsonPath().getString("status")).isEqualTo("UP");
            assertThat(get(app, "/q/health/live").jsonPath().getString("status")).isEqualTo("UP");

            Response metrics = given().baseUri(app.baseUri().toString()).accept("text/plain").get("/q/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.body().asString()).contains("# TYPE jvm_memory_used_bytes");

            Response openApi = get(app, "/q/openapi");
            assertThat(openApi.statusCode()).isEqualTo(200);
            assertThat(openApi.body().asString()).contains("openapi: 3").contains("Stoa API");

            List<String> paths = List.of("/", "/q/health/ready", "/api/v1/no-such-route");
            List<String> ids = paths.stream().map(path -> get(app, path).header("X-Request-Id")).toList();
            assertThat(ids).as("X-Request-Id of %s", paths).doesNotContainNull().doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isNotBlank());
        }
    }

    @Test
    void accountsAndTokensSurviveARestartThatDoesNotMigrateAgain(@TempDir Path dataDir) {
        String adminToken = "stoa_" + RandomText.alphanumeric(40);
        Map<String, String> env = Map.of("STOA_ADMIN_TOKEN", adminToken);
        String readToken;
        StoaProcess.Exit firstRun;
        long firstStartMillis;
        try (StoaProcess first = StoaProcess.start(dataDir, env).awaitReady()) {
            firstStartMillis = first.startUpTime().toMillis();
            assertThat(whoami(first, adminToken).getString("name")).isEqualTo("admin");
            readToken = createToken(first, adminToken);
            firstRun = first.stop();
        }
        try (StoaProcess second = StoaProcess.start(dataDir, env).awaitReady()) {
            System.out.printf("Stoa start-up, process start to ready: first start %d ms, second start %d ms%n",
                    firstStartMillis, second.startUpTime().toMillis());
            assertThat(whoami(second, adminToken).getString("name")).isEqualTo("admin");
            assertThat(whoami(second, readToken).getString("name")).isEqualTo("admin");
            Response rejected = second.as("stoa_" + RandomText.alphanumeric(40)).get("/api/whoami-v2");
            assertThat(rejected.statusCode()).isEqualTo(401);
            assertThat(rejected.header("X-Error-Message")).isEqualTo("Invalid credentials in Authorization header");
            StoaProcess.Exit secondRun = second.stop();

            assertThat(firstRun.log()).contains("Database schema migrated");
            assertThat(secondRun.log()).doesNotContain("Database schema migrated");
            assertThat(firstRun.log()).doesNotContain(adminToken).doesNotContain(readToken);
            assertThat(credentialLines(secondRun.log())).as("credentials logged by the second start").isEmpty();
        }
    }

    @Test
    void generatedAdminCredentialsArePrintedOnlyOnTheFirstStart(@TempDir Path dataDir) {
        String printedToken;
        try (StoaProcess first = StoaProcess.start(dataDir, Map.of()).awaitReady()) {
            List<String> lines = credentialLines(first.log());
            assertThat(lines).as("credential lines of the first start").anyMatch(PASSWORD_WORD.asPredicate());
            List<String> tokens = lines.stream().flatMap(line -> PRINTED_TOKEN.matcher(line).results())
                    .map(MatchResult::group).toList();
            assertThat(tokens).as("tokens printed by the first start").hasSize(1);
            printedToken = tokens.getFirst();
            assertThat(whoami(first, printedToken).getString("name")).isEqualTo("admin");
            first.stop();
        }
        try (StoaProcess second = StoaProcess.start(dataDir, Map.of()).awaitReady()) {
            assertThat(whoami(second, printedToken).getString("name")).isEqualTo("admin");
            assertThat(credentialLines(second.stop().log())).as("credentials logged by the second start").isEmpty();
        }
    }

    private static Response get(StoaProcess app, String path) {
        return given().baseUri(app.baseUri().toString()).get(path);
    }

    private static JsonPath whoami(StoaProcess app, String token) {
        Response response = app.as(token).get("/api/whoami-v2");
        assertThat(response.statusCode()).as("whoami: %s", response.body().asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("type")).isEqualTo("user");
        return response.jsonPath();
    }

    private static String createToken(StoaProcess app, String adminToken) {
        Response response = app.as(adminToken).contentType("application/json")
                .body("{\"name\":\"ci\",\"scope\":\"read\"}")
                .post("/api/v1/tokens");
        assertThat(response.statusCode()).as("create token: %s", response.body().asString()).isEqualTo(201);
        String token = response.jsonPath().getString("token");
        assertThat(token).startsWith("stoa_");
        return token;
    }

    /** Lines that print a password or a token: a restart must print none. */
    private static List<String> credentialLines(String log) {
        return log.lines().filter(line -> PRINTED_TOKEN.matcher(line).find() || PASSWORD_WORD.matcher(line).find())
                .toList();
    }
}
