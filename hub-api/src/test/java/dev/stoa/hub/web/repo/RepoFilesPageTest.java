package dev.stoa.hub.web.repo;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;


import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The files tab and the file viewer. */
@QuarkusTest
class RepoFilesPageTest {

    static final String HOSTILE_NAME = "x<img src=y onerror=alert(1)>&\"q\".txt";

    /** A public model with a folder, an LFS file, a file with a hostile name and a branch {@code dev}. */
    static TestRepos.Owned repoWithFiles() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] weights = LfsClient.randomBytes(3000);
        String oid = TestRepos.uploadLfs(repo, weights);
        TestRepos.commit(repo, "main", TestRepos.ndjson("Add weights and config")
                .file("README.md", "# Files\n")
                .file("config.json", "{\"note\": \"<script>alert('config')</script>\"}")
                .file(HOSTILE_NAME, "hostile")
                .file("weights/notes.md", "Some *notes* <script>alert('md')</script>")
                .lfsFile("weights/model.safetensors", oid, weights.length));
        given().auth().oauth2(repo.token()).contentType("application/json").body("{}").post("/api/models/" + repo.id() + "/branch/dev").then().statusCode(200);
        return repo;
    }

    @Test
    void theFilesTabListsFoldersSizesLfsFilesAndDownloads() {
        TestRepos.Owned repo = repoWithFiles();
        String root = given().get("/" + repo.id() + "/tree/main").then().statusCode(200).extract().asString();
        assertThat(root).contains("href=\"/" + repo.id() + "/tree/main/weights\">weights/</a>",
                        "href=\"/" + repo.id() + "/blob/main/config.json\">config.json</a>",
                        "href=\"/" + repo.id() + "/resolve/main/config.json?download=true\"",
                        "Add weights and config", "aria-current=\"page\">Files and versions")
                .doesNotContain("/upload/main", "/edit/main/", "/delete/main/"); // anonymous visitors do not write
        // a file name is text, never markup, and its link is encoded
        assertThat(root).contains("x&lt;img src=y onerror=alert(1)&gt;&amp;&quot;q&quot;.txt",
                        "/blob/main/x%3Cimg%20src%3Dy%20onerror%3Dalert%281%29%3E%26%22q%22.txt")
                .doesNotContain("<img src=y");

        String folder = given().get("/" + repo.id() + "/tree/main/weights").then().statusCode(200).extract().asString();
        assertThat(folder).contains("model.safetensors", ">LFS<", "3.0 kB", "notes.md",
                "href=\"/" + repo.id() + "/resolve/main/weights/model.safetensors?download=true\"",
                ">sha256<");
        // the switcher keeps the folder, the parent link leads up
        assertThat(folder).contains("href=\"/" + repo.id() + "/tree/dev/weights\">dev</a>",
                "href=\"/" + repo.id() + "/tree/main\" aria-label=\"Parent folder\"");
        given().get("/" + repo.id() + "/tree/dev/weights").then().statusCode(200)
                .body(containsString("href=\"/" + repo.id() + "/tree/main/weights\">main</a>"));
        given().get("/" + repo.id() + "/tree/main/nothing-here").then().statusCode(404);
        given().get("/" + repo.id() + "/tree/no-such-branch").then().statusCode(404);

        PortalForms.signIn(repo.user()).page().get("/" + repo.id() + "/tree/main/weights").then().statusCode(200)
                .body(containsString("href=\"/" + repo.id() + "/upload/main\""))
                .body(containsString("href=\"/" + repo.id() + "/edit/main/weights/notes.md\""))
                .body(containsString("href=\"/" + repo.id() + "/delete/main/weights/model.safetensors\""))
                .body(not(containsString("/edit/main/weights/model.safetensors"))); // LFS files are not edited as text
        PortalForms.signIn(TestAccounts.newUser()).page().get("/" + repo.id() + "/tree/main").then().statusCode(200)
                .body(not(containsString("/upload/main")));
    }

    @Test
    void aBranchWithASlashStaysOneSegmentOfTheUrl() {
        TestRepos.Owned repo = repoWithFiles();
        given().urlEncodingEnabled(false).auth().oauth2(repo.token()).contentType("application/json").body("{}")
                .post("/api/models/" + repo.id() + "/branch/feature%2Fx").then().statusCode(200);
        given().get("/" + repo.id() + "/tree/main/weights").then().statusCode(200)
                .body(containsString("href=\"/" + repo.id() + "/tree/feature%2Fx/weights\">feature/x</a>"));
        given().urlEncodingEnabled(false).get("/" + repo.id() + "/tree/feature%2Fx/weights").then().statusCode(200)
                .body(containsString("href=\"/" + repo.id() + "/blob/feature%2Fx/weights/notes.md\""))
                .body(containsString("feature/x"));
        given().urlEncodingEnabled(false).get("/" + repo.id() + "/blob/feature%2Fx/weights/notes.md").then().statusCode(200)
                .body(containsString("<em>notes</em>"));
    }

    @Test
    void theViewerShowsTextEscapedRendersMarkdownAndCapsTheSize() {
        TestRepos.Owned repo = repoWithFiles();
        String config = given().get("/" + repo.id() + "/blob/main/config.json").then().statusCode(200).extract().asString();
        assertThat(config).contains("&lt;script&gt;alert(&#39;config&#39;)&lt;/script&gt;", ">sha256<")
                .doesNotContain("<script>alert")
                .containsPattern("<code class=\"mono\">[0-9a-f]{64}</code>");
        given().get("/" + repo.id() + "/blob/dev/config.json").then().statusCode(200); // same file on the branch

        String notes = given().get("/" + repo.id() + "/blob/main/weights/notes.md").then().statusCode(200).extract().asString();
        assertThat(notes).contains("<em>notes</em>").doesNotContain("<script>alert");
        assertThat(notes).contains("href=\"/" + repo.id() + "/blob/dev/weights/notes.md\">dev</a>");

        String lfs = given().get("/" + repo.id() + "/blob/main/weights/model.safetensors").then().statusCode(200).extract().asString();
        assertThat(lfs).contains("stored with git-lfs", ">LFS<", "/resolve/main/weights/model.safetensors?download=true");

        StringBuilder big = new StringBuilder();
        while (big.length() <= RepoBlobController.TEXT_CAP) {
            big.append("line of a big text file\n");
        }
        TestRepos.commit(repo, "main", TestRepos.ndjson("big").file("big.txt", big.toString()));
        given().get("/" + repo.id() + "/blob/main/big.txt").then().statusCode(200)
                .body(containsString("too large to show here"))
                .body(not(containsString("line of a big text file")));

        given().get("/" + repo.id() + "/blob/main/weights").then().statusCode(404); // a folder is no file
        given().get("/" + repo.id() + "/blob/main/missing.txt").then().statusCode(404);
    }

    @Test
    void aGatedFilesContentIsShownOnlyToPeopleWithAccess() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        String id = gated.repo().id();
        PortalForms.SignedIn outsider = PortalForms.signIn(TestAccounts.newUser());
        for (var page : new io.restassured.response.Response[] {
                given().get("/" + id + "/blob/main/config.json"), outsider.page().get("/" + id + "/blob/main/config.json")}) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.asString()).doesNotContain("model_type", "gpt2", "?download=true\" download>")
                    .contains("/ask-access", "Access is gated");
        }
        // the card and licence stay readable, as on the Hub
        outsider.page().get("/" + id + "/blob/main/README.md").then().statusCode(200).body(containsString("A gated model"));
        // the listing shows the files but offers no download of gated ones
        outsider.page().get("/" + id + "/tree/main").then().statusCode(200)
                .body(containsString("config.json"))
                .body(not(containsString("/resolve/main/config.json")))
                .body(containsString("/resolve/main/README.md?download=true"));

        PortalForms.signIn(gated.repo().user()).page().get("/" + id + "/blob/main/config.json").then().statusCode(200)
                .body(containsString("model_type"))
                .body(containsString("gpt2"));
    }
}
