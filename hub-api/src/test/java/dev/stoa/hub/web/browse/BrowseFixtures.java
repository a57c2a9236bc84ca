package dev.stoa.hub.web.browse;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.restassured.http.ContentType;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Repositories with chosen names and cards, for pages whose lists and facets the tests read. */
final class BrowseFixtures {

    private BrowseFixtures() {
    }

    /** A word no other test's repository contains, to search for. */
    static String marker(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }

    /** A user with a write token. */
    record Account(String name, String token) {
        static Account create() {
            String name = TestAccounts.newUser();
            return new Account(name, TestAccounts.tokenOf(name, "write"));
        }
    }

    /** Creates {@code namespace/name} and returns its id. */
    static String repo(Account as, String namespace, String name, String type, boolean isPrivate) {
        given().auth().oauth2(as.token()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "organization", namespace, "type", type, "private", isPrivate))
                .post("/api/repos/create")
                .then().statusCode(200);
        return namespace + "/" + name;
    }

    /** Commits a README with {@code frontMatter} (YAML, without the dashes) to main. */
    static void card(Account as, String type, String id, String frontMatter) {
        TestRepos.commit(new TestRepos.Owned(as.name(), as.token(), id, type), "main",
                TestRepos.ndjson("Card").file("README.md", "---\n" + frontMatter + "\n---\n# " + id + "\n"));
    }

    /** Commits an adapter_config.json naming {@code base}: the repository becomes an adapter of it. */
    static void adapterOf(Account as, String id, String base) {
        TestRepos.commit(new TestRepos.Owned(as.name(), as.token(), id, "model"), "main",
                TestRepos.ndjson("Adapter").file("adapter_config.json",
                        "{\"base_model_name_or_path\":\"" + base + "\",\"peft_type\":\"LORA\",\"r\":8}"));
    }

    static void like(String token, String type, String id) {
        given().auth().oauth2(token).post("/api/" + type + "s/" + id + "/like").then().statusCode(200);
    }

    /** The HTML of one facet value with its count, as the search page writes it. */
    static String facet(String label, long count) {
        return "<span class=\"facet-label\">" + label + "</span> <span class=\"count\">" + count + "</span>";
    }
}
