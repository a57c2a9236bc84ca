package dev.stoa.hub.web.repo;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The card page: what each viewer sees, and that nothing a card author writes runs in a visitor's browser. */
@QuarkusTest
class RepoCardPageTest {

    static final String HOSTILE_CARD = """
            ---
            license: apache-2.0
            library_name: transformers
            pipeline_tag: text-generation
            datasets:
            - squad
            language: [en, fr]
            tags:
            - "<script>alert('tag')</script>"
            - "<img src=x onerror=alert('yaml')>"
            ---
            # A friendly model

            Some **bold** text and a [good link](https://example.org/docs).

            <script>alert('card')</script>
            <a href="javascript:alert('link')">click me</a>
            <img src="https://example.org/x.png" onerror="alert('img')" alt="pic">
            <div onclick="alert('div')" style="position:fixed">styled</div>
            <iframe src="https://evil.example"></iframe>
            """;

    @Test
    void aCardIsRenderedWithItsMetadataAsChipsAndNothingHostileSurvives() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("card").file("README.md", HOSTILE_CARD).file("config.json", "{}"));

        String page = given().get("/" + repo.id()).then().statusCode(200).contentType(ContentType.HTML).extract().asString();
        assertThat(page).contains("<h1>A friendly model</h1>", "<strong>bold</strong>", "href=\"https://example.org/docs\"",
                        "styled", "click me")
                .doesNotContain("alert('card')", "javascript:", "position:fixed", "<iframe", "evil.example")
                .doesNotContain("<script>alert", "<img src=x")
                .doesNotContainPattern("<[^>]*\\son[a-z]+\\s*="); // no event handler attribute on any element
        // YAML values are chips, escaped
        assertThat(page).contains(">License<", "apache-2.0", ">Library<", "transformers", ">Task<", "text-generation",
                ">Datasets<", "squad", ">Languages<", "fr", "&lt;script&gt;alert(&#39;tag&#39;)&lt;/script&gt;",
                "&lt;img src=x onerror=alert(&#39;yaml&#39;)&gt;");
        assertThat(page).doesNotContain("license: apache-2.0"); // the front matter is not shown as text
        // how to use it with this Stoa
        assertThat(page).contains("export HF_ENDPOINT=http", "snapshot_download(&quot;" + repo.id() + "&quot;)",
                "pipeline(&quot;text-generation&quot;, model=&quot;" + repo.id() + "&quot;)", "git clone http");
        assertThat(page).contains("aria-current=\"page\">Model card");
    }

    @Test
    void theModelTreeShowsTheBaseAndCountsWhatDerivesFromIt() {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TestRepos.commit(base, "main", TestRepos.ndjson("base").file("README.md", "# Base\n"));
        TestRepos.Owned adapter = TestRepos.newRepo("model", false);
        TestRepos.commit(adapter, "main", TestRepos.ndjson("adapter").file("README.md",
                "---\nbase_model: " + base.id() + "\nbase_model_relation: adapter\nlibrary_name: peft\n---\n# Adapter\n"));
        TestRepos.Owned secret = TestRepos.newRepo("model", true);
        TestRepos.commit(secret, "main", TestRepos.ndjson("private quantization").file("README.md",
                "---\nbase_model: " + base.id() + "\nbase_model_relation: quantized\n---\n"));

        given().get("/" + base.id()).then().statusCode(200)
                .body(containsString("Model tree"))
                .body(containsString("1 adapter</a>"))
                .body(containsString("/models?filter=base_model%3Aadapter%3A" + base.id().replace("/", "%2F")))
                .body(not(containsString("quantization"))); // a private one is not counted for outsiders
        given().get("/" + adapter.id()).then().statusCode(200)
                .body(containsString("Adapter"))
                .body(containsString("href=\"/" + base.id() + "\">" + base.id() + "</a>"))
                .body(containsString("from peft import PeftModel"))
                .body(containsString("PeftModel.from_pretrained(base, &quot;" + adapter.id() + "&quot;)"));
    }

    @Test
    void aPrivateRepositoryAnswersExactlyLikeAMissingOneToOutsiders() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        TestRepos.commit(repo, "main", TestRepos.ndjson("secret").file("README.md", "# Top secret card\n"));
        String missing = repo.user() + "/" + TestAccounts.randomName("missing");

        Response anonymousPrivate = given().get("/" + repo.id());
        Response anonymousMissing = given().get("/" + missing);
        assertThat(anonymousPrivate.statusCode()).isEqualTo(401).isEqualTo(anonymousMissing.statusCode());
        assertThat(anonymousPrivate.asString()).doesNotContain("Top secret").contains("/login?next=");
        assertThat(anonymized(anonymousPrivate, repo.id())).isEqualTo(anonymized(anonymousMissing, missing));

        PortalForms.SignedIn other = PortalForms.signIn(TestAccounts.newUser());
        Response otherPrivate = other.page().get("/" + repo.id());
        Response otherMissing = other.page().get("/" + missing);
        assertThat(otherPrivate.statusCode()).isEqualTo(404).isEqualTo(otherMissing.statusCode());
        assertThat(anonymized(otherPrivate, repo.id())).isEqualTo(anonymized(otherMissing, missing));
        for (String tab : new String[] {"/tree/main", "/blob/main/README.md", "/commits/main", "/checks"}) {
            other.page().get("/" + repo.id() + tab).then().statusCode(404).body(not(containsString("Top secret")));
            given().get("/" + repo.id() + tab).then().statusCode(401);
        }

        PortalForms.signIn(repo.user()).page().get("/" + repo.id()).then().statusCode(200)
                .body(containsString("Top secret card"))
                .body(containsString("Private"))
                .body(containsString("href=\"/" + repo.id() + "/edit/main/README.md\""))
                .body(containsString("href=\"/" + repo.id() + "/settings\""));
    }

    /** The page with the repository's name (plain and URL-encoded) and the per-browser form token taken out. */
    private static String anonymized(Response response, String id) {
        return response.asString().replace(id, "X").replace(id.replace("/", "%2F"), "X")
                .replaceAll("stoa-csrf\" content=\"[^\"]*\"", "");
    }

    @Test
    void organisationMembersSeeTheOrganisationsPrivateRepositories() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String reader = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, reader, "read");
        String token = TestAccounts.tokenOf(admin, "write");
        String id = TestRepos.create(token, org, "model", true);
        TestRepos.Owned repo = new TestRepos.Owned(admin, token, id, "model");
        TestRepos.commit(repo, "main", TestRepos.ndjson("card").file("README.md", "# Org card\n"));

        PortalForms.signIn(reader).page().get("/" + id).then().statusCode(200)
                .body(containsString("Org card"))
                .body(not(containsString("/edit/main/README.md"))) // read members do not write
                .body(not(containsString(id + "/settings")));
        PortalForms.signIn(TestAccounts.newUser()).page().get("/" + id).then().statusCode(404);
    }

    @Test
    void aGatedRepositoryTellsWhoCannotDownloadWhereToAskForAccess() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        String id = gated.repo().id();
        given().get("/" + id).then().statusCode(200)
                .body(containsString("A gated model"))
                .body(containsString("Gated (manual)"))
                .body(containsString("href=\"/" + id + "/ask-access\""));
        PortalForms.signIn(TestAccounts.newUser()).page().get("/" + id).then().statusCode(200)
                .body(containsString("href=\"/" + id + "/ask-access\">Ask for access"));
        PortalForms.signIn(gated.repo().user()).page().get("/" + id).then().statusCode(200)
                .body(not(containsString("/ask-access")));
    }

    @Test
    void datasetsAndEmptyRepositoriesHaveCardPagesToo() {
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("card").file("README.md",
                "---\nlicense: cc-by-4.0\ntask_categories: [text-classification]\n---\n# Some data\n"));
        given().get("/datasets/" + dataset.id()).then().statusCode(200)
                .body(containsString("Dataset card"))
                .body(containsString("Some data"))
                .body(containsString("cc-by-4.0"))
                .body(containsString("load_dataset(&quot;" + dataset.id() + "&quot;)"))
                .body(containsString("git clone http"))
                .body(containsString("/datasets/" + dataset.id()));
        given().get("/" + dataset.id()).then().statusCode(401); // not a model

        TestRepos.Owned empty = TestRepos.newRepo("model", false); // only the .gitattributes of a new repository
        given().get("/" + empty.id()).then().statusCode(200).body(containsString("No card yet"));
        PortalForms.signIn(empty.user()).page().get("/" + empty.id()).then().statusCode(200)
                .body(containsString("href=\"/" + empty.id() + "/upload/main\""));
    }

    @Test
    void staticFilesAreNotTakenForRepositories() {
        given().get("/static/repo.css").then().statusCode(200).body(containsString(".files-bar"));
        given().get("/static/stoa.js").then().statusCode(200);
    }
}
