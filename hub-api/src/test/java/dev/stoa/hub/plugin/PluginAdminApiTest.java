package dev.stoa.hub.plugin;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The admin API of plugins: administrators only, secrets masked, enable and disable for every replica. */
@QuarkusTest
class PluginAdminApiTest {

    private static Map<String, Object> plugin(String id) {
        List<Map<String, Object>> plugins = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/v1/admin/plugins")
                .then().statusCode(200).extract().jsonPath().getList("");
        return plugins.stream().filter(p -> p.get("id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void administratorsSeeDescriptorsStateAndMaskedSecrets() {
        Map<String, Object> plugin = plugin("test-checks");
        assertThat(plugin).containsEntry("name", "Test checks").containsEntry("version", "1.0.0")
                .containsEntry("requiredSpi", dev.stoa.spi.SpiVersion.current()).containsEntry("origin", "built-in").containsEntry("state", "enabled");
        assertThat(plugin.get("configuration")).isEqualTo(Map.of("api-key", "********", "max-files", "100"));
        assertThat(plugin.toString()).doesNotContain("test-secret-value");
        assertThat((List<Map<String, Object>>) plugin.get("checks")).extracting(c -> c.get("name") + ":" + c.get("kind"))
                .containsExactly("test-checks/file-names:evaluator", "test-checks/slow:evaluator",
                        "test-checks/card-license:license-checker");
    }

    @Test
    void theBuiltInPluginsStartFromTheirOwnJars() {
        for (String id : List.of("safetensors-inspector", "pickle-scanner", "license-policy", "card-check")) {
            assertThat(plugin(id)).containsEntry("state", "enabled").containsEntry("requiredSpi", dev.stoa.spi.SpiVersion.current())
                    .containsEntry("origin", "built-in (" + id + ".jar)");
            assertThat((List<?>) plugin(id).get("checks")).isNotEmpty();
        }
    }

    @Test
    void onlyAdministratorsListOrSwitchPlugins() {
        String member = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        given().get("/api/v1/admin/plugins").then().statusCode(401);
        given().auth().oauth2(member).get("/api/v1/admin/plugins").then().statusCode(403)
                .contentType(org.hamcrest.Matchers.containsString("problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("enabled", false)).put("/api/v1/admin/plugins/test-checks")
                .then().statusCode(401);
        given().auth().oauth2(member).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/v1/admin/plugins/test-checks").then().statusCode(403);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/v1/admin/plugins/no-such-plugin").then().statusCode(404).body("code", equalTo("PluginNotFound"));
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of())
                .put("/api/v1/admin/plugins/test-trouble").then().statusCode(400);
    }

    @Test
    void aDisabledPluginsChecksAreNotEnqueued() throws InterruptedException {
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .put("/api/v1/admin/plugins/test-trouble").then().statusCode(200).body("state", equalTo("disabled"));
        try {
            TestRepos.Owned repo = TestRepos.newRepo("model", false);
            TestRepos.commit(repo, "main", TestRepos.ndjson("boom").file("boom.txt", "x"));
            Thread.sleep(500);
            List<String> checks = given().auth().oauth2(repo.token()).get("/api/v1/repos/models/" + repo.id() + "/checks")
                    .then().statusCode(200).extract().jsonPath().getList("checks.check");
            assertThat(checks).contains("test-checks/file-names").doesNotContain("test-trouble/boom");
        } finally {
            given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("enabled", true))
                    .put("/api/v1/admin/plugins/test-trouble").then().statusCode(200).body("state", equalTo("enabled"));
        }
    }
}
