package dev.stoa.hub.check;

import dev.stoa.hub.testing.Eventually;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Check runs end to end: a commit enqueues them, workers run them, results show in the API, model_info and the tree. */
@QuarkusTest
class CheckRunsApiTest {

    private static String checksUrl(TestRepos.Owned repo) {
        return "/api/v1/repos/" + repo.plural() + "/" + repo.id() + "/checks";
    }

    /** Polls the checks of {@code revision} until {@code done} holds (at most 60 s). */
    private static JsonPath awaitChecks(TestRepos.Owned repo, String revision, Predicate<JsonPath> done) {
        return Eventually.await("The check runs of " + repo.id() + "@" + revision,
                () -> given().auth().oauth2(repo.token()).queryParam("revision", revision).get(checksUrl(repo))
                        .then().statusCode(200).extract().jsonPath(), done);
    }

    private static Predicate<JsonPath> finished(String... checks) {
        return json -> {
            List<Map<String, Object>> runs = json.getList("checks");
            return List.of(checks).stream().allMatch(c -> runs.stream().anyMatch(r -> r.get("check").equals(c)
                    && List.of("succeeded", "failed", "cancelled").contains(r.get("status"))));
        };
    }

    private static Predicate<JsonPath> settled() {
        return json -> json.getList("checks", Map.class).stream()
                .noneMatch(r -> List.of("queued", "running").contains(r.get("status")));
    }

    private static Map<String, Object> run(JsonPath json, String check) {
        List<Map<String, Object>> runs = json.getList("checks");
        return runs.stream().filter(r -> r.get("check").equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aCommitsChecksRunAndTheirVerdictsShowInTheApiModelInfoAndTree() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String commit = TestRepos.commit(repo, "main", TestRepos.ndjson("weights")
                .file("README.md", "---\nlicense: apache-2.0\n---\n# Model\n")
                .file("config.json", "{}")
                .file("evil.bin", "not really a pickle"));

        // Every check is queued for a commit; a worker drops those that do not apply, so wait until none is left.
        JsonPath checks = awaitChecks(repo, "main", finished("test-checks/file-names", "test-checks/card-license").and(settled()));
        assertThat(checks.getString("commit")).isEqualTo(commit);
        Map<String, Object> names = run(checks, "test-checks/file-names");
        assertThat(names).containsEntry("status", "succeeded").containsEntry("verdict", "FAIL").containsEntry("commit", commit);
        assertThat((List<Map<String, Object>>) names.get("findings")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("severity", "CRITICAL").containsEntry("code", "test.evil-name")
                        .containsEntry("path", "evil.bin"));
        // .gitattributes, README.md, config.json (2 bytes), evil.bin: the first 4 bytes of each, by ranged reads
        assertThat((List<Map<String, Object>>) names.get("metrics")).contains(Map.of("name", "files", "value", 4),
                Map.of("name", "head.bytes", "value", 14));
        Map<String, Object> license = run(checks, "test-checks/card-license");
        assertThat(license).containsEntry("verdict", "PASS");
        assertThat((List<Map<String, Object>>) license.get("metrics")).contains(Map.of("name", "license.id", "value", "apache-2.0"));
        // checks that do not apply leave no run
        assertThat(checks.getList("checks.check")).doesNotContain("test-checks/slow", "test-trouble/boom");

        given().auth().oauth2(repo.token()).get(checksUrl(repo) + "/" + names.get("id"))
                .then().statusCode(200).extract().path("check").equals("test-checks/file-names");

        JsonPath info = given().queryParam("securityStatus", "true").get("/api/models/" + repo.id())
                .then().statusCode(200).extract().jsonPath();
        assertThat(info.getBoolean("securityRepoStatus.scansDone")).isTrue();
        assertThat(info.getList("securityRepoStatus.filesWithIssues"))
                .containsExactly(Map.of("path", "evil.bin", "level", "unsafe"));

        List<Map<String, Object>> tree = given().queryParam("expand", "true").get("/api/models/" + repo.id() + "/tree/main")
                .then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Object> evil = tree.stream().filter(e -> e.get("path").equals("evil.bin")).findFirst().orElseThrow();
        Map<String, Object> config = tree.stream().filter(e -> e.get("path").equals("config.json")).findFirst().orElseThrow();
        // the built-in pickle scanner read evil.bin too and found no pickle imports in it
        assertThat(evil.get("securityFileStatus")).isEqualTo(Map.of("status", "unsafe", "avScan", Map.of("status", "unscanned"),
                "pickleImportScan", Map.of("status", "safe")));
        assertThat((Map<String, Object>) config.get("securityFileStatus")).containsEntry("status", "safe");
        List<Map<String, Object>> plain = given().get("/api/models/" + repo.id() + "/tree/main").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(plain).allSatisfy(e -> assertThat(e).doesNotContainKey("securityFileStatus"));
    }

    @Test
    void theBuiltInLicensePolicyReadsTheBaseModelHostedHereAndFlagsADerivativeItsLicenseForbids() {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TestRepos.commit(base, "main", TestRepos.ndjson("base")
                .file("README.md", "---\nlicense: cc-by-nd-4.0\n---\n# Base model\n"));
        TestRepos.Owned adapter = TestRepos.newRepo("model", false);
        TestRepos.commit(adapter, "main", TestRepos.ndjson("adapter").file("README.md",
                "---\nlicense: apache-2.0\nbase_model: " + base.id() + "\nbase_model_relation: adapter\n---\n# Adapter\n"));

        JsonPath checks = awaitChecks(adapter, "main", settled().and(json -> json.getList("checks.plugin").contains("license-policy")));
        Map<String, Object> license = checks.getList("checks", Map.class).stream()
                .filter(r -> r.get("plugin").equals("license-policy")).findFirst().orElseThrow();
        assertThat(license).containsEntry("status", "succeeded").containsEntry("verdict", "FAIL");
        assertThat((List<Map<String, Object>>) license.get("findings"))
                .anySatisfy(f -> assertThat(f).containsEntry("code", "license.lineage.no-derivatives"));
    }

    @Test
    void theBuiltInPickleScannerMarksAPickleThatRunsAShellCommandUnsafe() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        // protocol 2: GLOBAL os.system, the argument tuple ("ls",), REDUCE, STOP
        byte[] pickle = {(byte) 0x80, 2, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', 'X', 2, 0, 0, 0, 'l', 's',
                (byte) 0x85, 'R', '.'};
        TestRepos.commit(repo, "main", TestRepos.ndjson("pickle").file("model.pkl", pickle));

        JsonPath checks = awaitChecks(repo, "main", json -> json.getList("checks.plugin").contains("pickle-scanner")
                && json.getList("checks", Map.class).stream().allMatch(r -> !List.of("queued", "running").contains(r.get("status"))));
        List<Map<String, Object>> runs = checks.getList("checks");
        Map<String, Object> scan = runs.stream().filter(r -> r.get("plugin").equals("pickle-scanner")).findFirst().orElseThrow();
        assertThat(scan).containsEntry("status", "succeeded").containsEntry("verdict", "FAIL");
        assertThat((List<Map<String, Object>>) scan.get("findings")).anySatisfy(f -> assertThat(f)
                .containsEntry("severity", "CRITICAL").containsEntry("path", "model.pkl"));

        assertThat(given().queryParam("securityStatus", "true").get("/api/models/" + repo.id()).then().statusCode(200)
                .extract().jsonPath().getList("securityRepoStatus.filesWithIssues"))
                .containsExactly(Map.of("path", "model.pkl", "level", "unsafe"));
        List<Map<String, Object>> paths = given().contentType("application/x-www-form-urlencoded")
                .formParam("paths", "model.pkl").formParam("expand", "true")
                .post("/api/models/" + repo.id() + "/paths-info/main").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(paths.getFirst().get("securityFileStatus")).isEqualTo(Map.of("status", "unsafe",
                "avScan", Map.of("status", "unscanned"), "pickleImportScan", Map.of("status", "unsafe")));
    }

    @Test
    void aThrowingPluginEndsInAnErrorAfterItsRetriesWhileTheCommitAndOtherChecksSucceed() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("boom").file("boom.txt", "x"));

        JsonPath checks = awaitChecks(repo, "main", finished("test-trouble/boom", "test-checks/file-names"));
        Map<String, Object> boom = run(checks, "test-trouble/boom");
        assertThat(boom).containsEntry("status", "failed").containsEntry("verdict", "ERROR").containsEntry("attempts", 3);
        assertThat((String) boom.get("lastError")).contains("IllegalStateException: boom");
        assertThat(run(checks, "test-checks/file-names")).containsEntry("status", "succeeded").containsEntry("verdict", "PASS");
        given().get("/" + repo.id() + "/resolve/main/boom.txt").then().statusCode(200);

        List<Map<String, Object>> plugins = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/v1/admin/plugins")
                .then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Object> trouble = plugins.stream().filter(p -> p.get("id").equals("test-trouble")).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) trouble.get("lastErrors")).isNotEmpty()
                .allSatisfy(e -> assertThat(e).containsEntry("check", "test-trouble/boom").containsKey("at"));
    }

    @Test
    void writersRerunAndCancelRuns() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("slow").file("slow.txt", "x"));
        JsonPath running = awaitChecks(repo, "main", json -> json.getList("checks.check").contains("test-checks/slow")
                && run(json, "test-checks/slow").get("status").equals("running"));
        Object slowId = run(running, "test-checks/slow").get("id");

        given().auth().oauth2(repo.token()).post(checksUrl(repo) + "/" + slowId + "/cancel")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("cancelled"));
        given().auth().oauth2(repo.token()).post(checksUrl(repo) + "/" + slowId + "/cancel")
                .then().statusCode(409).body("code", org.hamcrest.Matchers.equalTo("CheckRunFinished"));
        JsonPath done = awaitChecks(repo, "main", finished("test-checks/file-names"));
        assertThat(run(done, "test-checks/slow")).containsEntry("status", "cancelled");

        Response rerun = given().auth().oauth2(repo.token()).queryParam("check", "test-checks/file-names")
                .post(checksUrl(repo) + "/rerun");
        rerun.then().statusCode(202);
        assertThat(rerun.jsonPath().getList("checks.check")).containsExactly("test-checks/file-names");
        JsonPath again = awaitChecks(repo, "main", json -> run(json, "test-checks/file-names").get("status").equals("succeeded")
                && ((Integer) run(json, "test-checks/file-names").get("attempts")) == 1);
        assertThat(run(again, "test-checks/slow")).containsEntry("status", "cancelled");
    }

    @Test
    void privateRepositoriesChecksAreInvisibleAndOnlyWritersChangeRuns() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        TestRepos.commit(repo, "main", TestRepos.ndjson("x").file("a.txt", "a"));
        JsonPath checks = awaitChecks(repo, "main", finished("test-checks/file-names"));
        Object id = run(checks, "test-checks/file-names").get("id");
        String other = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        String readOnly = TestAccounts.tokenOf(repo.user(), "read");

        for (String path : List.of("", "/" + id)) {
            given().get(checksUrl(repo) + path).then().statusCode(401);
            given().auth().oauth2(other).get(checksUrl(repo) + path).then().statusCode(404)
                    .contentType(org.hamcrest.Matchers.containsString("problem+json"));
            given().auth().oauth2(readOnly).get(checksUrl(repo) + path).then().statusCode(200);
        }
        for (String path : List.of("/rerun", "/" + id + "/cancel")) {
            given().post(checksUrl(repo) + path).then().statusCode(401);
            given().auth().oauth2(other).post(checksUrl(repo) + path).then().statusCode(404);
            given().auth().oauth2(readOnly).post(checksUrl(repo) + path).then().statusCode(403);
        }
        given().auth().oauth2(repo.token()).get(checksUrl(repo) + "/999999999").then().statusCode(404)
                .body("code", org.hamcrest.Matchers.equalTo("CheckRunNotFound"));
        given().auth().oauth2(repo.token()).queryParam("revision", "nope").get(checksUrl(repo)).then().statusCode(404);
        given().queryParam("securityStatus", "true").get("/api/models/" + repo.id()).then().statusCode(401);

        TestRepos.Owned open = TestRepos.newRepo("model", false);
        TestRepos.commit(open, "main", TestRepos.ndjson("x").file("a.txt", "a"));
        given().get(checksUrl(open)).then().statusCode(200);
        given().auth().oauth2(other).post(checksUrl(open) + "/rerun").then().statusCode(403);
    }
}
