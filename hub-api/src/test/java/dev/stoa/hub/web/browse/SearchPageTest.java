package dev.stoa.hub.web.browse;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.web.PortalForms;
import dev.stoa.hub.web.browse.BrowseFixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.stoa.hub.web.browse.BrowseFixtures.facet;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class SearchPageTest {

    private String marker;
    private Account owner;
    private String base;
    private String lora1;
    private String lora2;
    private String quant;
    private String secret;

    /** A base model, two adapters, a quantization and a private adapter, all named with one marker. */
    @BeforeEach
    void repositories() {
        marker = BrowseFixtures.marker("srch");
        owner = Account.create();
        base = BrowseFixtures.repo(owner, owner.name(), marker + "-base", "model", false);
        BrowseFixtures.card(owner, "model", base, "license: apache-2.0\npipeline_tag: text-generation\n"
                + "library_name: transformers\ntags: [" + marker + "tag]");
        lora1 = BrowseFixtures.repo(owner, owner.name(), marker + "-lora1", "model", false);
        BrowseFixtures.adapterOf(owner, lora1, base);
        lora2 = BrowseFixtures.repo(owner, owner.name(), marker + "-lora2", "model", false);
        BrowseFixtures.card(owner, "model", lora2, "license: mit\nbase_model: " + base + "\nbase_model_relation: adapter\n"
                + "library_name: peft");
        quant = BrowseFixtures.repo(owner, owner.name(), marker + "-quant", "model", false);
        BrowseFixtures.card(owner, "model", quant, "license: mit\nbase_model: " + base + "\nbase_model_relation: quantized");
        secret = BrowseFixtures.repo(owner, owner.name(), marker + "-secret", "model", true);
        BrowseFixtures.card(owner, "model", secret, "license: mit\nbase_model: " + base + "\nbase_model_relation: adapter\n"
                + "library_name: peft\ntags: [" + marker + "tag]");
    }

    /** A repository's name on its card in the results. */
    private static String card(String id) {
        return "<span class=\"name\">" + id + "</span>";
    }

    private static void assertOrder(String page, String... ids) {
        int previous = -1;
        for (String id : ids) {
            int at = page.indexOf(card(id));
            assertThat(at).as(id + " listed after the one before").isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    void outsidersNeverSeeOrCountAPrivateRepository() {
        String anonymous = given().queryParam("search", marker).get("/models").then().statusCode(200)
                .extract().asString();
        String stranger = PortalForms.signIn(TestAccounts.newUser()).page().queryParam("search", marker).get("/models")
                .then().statusCode(200).extract().asString();
        for (String page : new String[] {anonymous, stranger}) {
            assertThat(page).contains("4 models", lora1, lora2, quant, base)
                    .doesNotContain(secret)
                    .contains(facet("Adapter", 2), facet("Quantized", 1), facet("Base model", 1))
                    .contains(facet("mit", 2), facet("apache-2.0", 1), facet("peft", 2))
                    .contains(facet(base, 3), facet(marker + "tag", 1));
        }
        PortalForms.signIn(owner.name()).page().queryParam("search", marker).get("/models").then().statusCode(200)
                .body(containsString("5 models")).body(containsString(secret))
                .body(containsString(facet("Adapter", 3))).body(containsString(facet("mit", 3)))
                .body(containsString(facet(base, 4))).body(containsString(facet(marker + "tag", 2)));
    }

    @Test
    void facetsNarrowTheResultsAndShowAsRemovableChips() {
        String adapters = given().queryParam("search", marker).queryParam("kind", "adapter").get("/models")
                .then().statusCode(200).extract().asString();
        assertThat(adapters).contains("2 models", lora1, lora2).doesNotContain(card(quant), card(base))
                .contains("Kind: Adapter")
                .contains("aria-label=\"Remove filter Kind: Adapter\"")
                // the kind facet still offers the other kinds, counted without its own selection
                .contains(facet("Quantized", 1));
        assertThat(adapters).contains("href=\"/models?search=" + marker + "\" aria-label=\"Remove filter Kind: Adapter\"");

        given().queryParam("search", marker).queryParam("kind", "adapter").queryParam("license", "mit").get("/models")
                .then().statusCode(200).body(containsString("1 model<")).body(containsString(lora2))
                .body(not(containsString(card(lora1))));
        given().queryParam("search", marker).queryParam("license", "license:mit").get("/models")
                .then().statusCode(200).body(containsString("2 models"));
        given().queryParam("search", marker).queryParam("filter", "base_model:quantized:" + base).get("/models")
                .then().statusCode(200).body(containsString("1 model<")).body(containsString(quant))
                .body(containsString("Quantized of: " + base));
        given().queryParam("search", marker).queryParam("base_model", base.toUpperCase()).get("/models")
                .then().statusCode(200).body(containsString("3 models"));
        given().queryParam("search", marker).queryParam("tag", marker + "tag").get("/models")
                .then().statusCode(200).body(containsString("1 model<")).body(containsString(card(base)));
        given().queryParam("search", marker).queryParam("pipeline_tag", "text-generation").get("/models")
                .then().statusCode(200).body(containsString("1 model<"));
        given().queryParam("search", marker).queryParam("library", "peft").get("/models")
                .then().statusCode(200).body(containsString("2 models")).body(containsString(card(lora1)))
                .body(containsString(card(lora2)));
        given().queryParam("search", marker + "-nothing").get("/models").then().statusCode(200)
                .body(containsString("0 models")).body(containsString("Nothing matches this search"));
        // models only: no model turns up among datasets
        given().queryParam("search", marker).get("/datasets").then().statusCode(200)
                .body(containsString("0 datasets"));
    }

    @Test
    void sortingOrdersTheResults() {
        BrowseFixtures.like(Account.create().token(), "model", lora2);
        BrowseFixtures.like(Account.create().token(), "model", lora2);
        BrowseFixtures.like(Account.create().token(), "model", quant);

        String byLikes = given().queryParam("search", marker).queryParam("sort", "likes").get("/models")
                .then().statusCode(200).extract().asString();
        assertOrder(byLikes, lora2, quant, lora1);
        assertThat(byLikes).contains("<option value=\"likes\" selected>");

        String newest = given().queryParam("search", marker).queryParam("sort", "createdAt").get("/models")
                .then().statusCode(200).extract().asString();
        assertOrder(newest, quant, lora2, lora1, base);

        BrowseFixtures.card(owner, "model", lora1, "license: mit");
        String updated = given().queryParam("search", marker).queryParam("sort", "lastModified").get("/models")
                .then().statusCode(200).extract().asString();
        assertOrder(updated, lora1, quant, lora2, base);
    }

    @Test
    void longResultListsArePagedAndTheNextPageKeepsTheFilters() {
        String many = BrowseFixtures.marker("page");
        for (int i = 0; i < SearchController.PAGE_SIZE + 1; i++) {
            BrowseFixtures.repo(owner, owner.name(), many + "-" + i, "model", false);
        }
        String first = given().queryParam("search", many).queryParam("sort", "createdAt").get("/models")
                .then().statusCode(200).extract().asString();
        assertThat(first).contains((SearchController.PAGE_SIZE + 1) + " models", card(owner.name() + "/" + many + "-30"))
                .doesNotContain(card(owner.name() + "/" + many + "-0"), "First page");
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(first);
        assertThat(next.find()).isTrue();
        String nextUrl = next.group(1).replace("&amp;", "&");
        assertThat(nextUrl).contains("search=" + many, "sort=createdAt", "cursor=");
        given().urlEncodingEnabled(false).get(nextUrl).then().statusCode(200)
                .body(containsString(card(owner.name() + "/" + many + "-0")))
                .body(not(containsString(card(owner.name() + "/" + many + "-30"))))
                .body(containsString("First page")).body(not(containsString("rel=\"next\"")));
    }

    @Test
    void hostileCardValuesAndSearchTextAreEscaped() {
        String hostile = BrowseFixtures.repo(owner, owner.name(), marker + "-hostile", "model", false);
        BrowseFixtures.card(owner, "model", hostile, "library_name: \"<img src=x onerror=alert(1)>\"\n"
                + "pipeline_tag: \"\\\"><script>alert(2)</script>\"\n"
                + "license: \"<b>evil</b>\"\ntags: [\"<script>alert(3)</script>\"]");
        String page = given().queryParam("search", marker + "-hostile").get("/models").then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("1 model<")
                .doesNotContain("<img src=x", "<script>alert", "<b>evil</b>")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "&lt;script&gt;alert(3)&lt;/script&gt;", "&lt;b&gt;evil&lt;/b&gt;");
        given().queryParam("search", "<script>alert(4)</script>\"").get("/models").then().statusCode(200)
                .body(not(containsString("<script>alert(4)")))
                .body(containsString("&lt;script&gt;alert(4)&lt;/script&gt;&quot;"));
        given().queryParam("search", marker).queryParam("cursor", "not-a-cursor").get("/models").then().statusCode(400)
                .body(containsString("cursor")).body(not(containsString("Exception")));
    }
}
