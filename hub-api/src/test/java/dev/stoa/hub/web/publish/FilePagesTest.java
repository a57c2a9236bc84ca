package dev.stoa.hub.web.publish;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The uploader page, the editor (with its preview) and file deletion: who may, what each commits. */
@QuarkusTest
class FilePagesTest {

    @Test
    void theUploadPageIsForWritersAndDescribesTheApisItsScriptUses() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.Owned secret = TestRepos.newRepo("dataset", true);
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        PortalForms.SignedIn other = PortalForms.signIn(TestAccounts.newUser());
        given().get("/" + repo.id() + "/upload/main").then().statusCode(401);
        other.page().get("/" + repo.id() + "/upload/main").then().statusCode(403);
        other.page().get("/datasets/" + secret.id() + "/upload/main").then().statusCode(404);
        owner.page().get("/" + repo.id() + "/upload/no-such-branch").then().statusCode(404);
        owner.page().get("/" + repo.id() + "/upload/main").then().statusCode(200)
                .body(containsString("data-api-base=\"/api/models/" + repo.id() + "\""))
                .body(containsString("data-lfs-batch=\"/" + repo.id() + ".git/info/lfs/objects/batch\""))
                .body(containsString("/webjars/js-sha256/0.11.0/build/sha256.min.js"))
                .body(containsString("webkitdirectory"))
                .body(containsString("<label for=\"commit-summary\">"));
        PortalForms.SignedIn datasetOwner = PortalForms.signIn(secret.user());
        datasetOwner.page().get("/datasets/" + secret.id() + "/upload/main").then().statusCode(200)
                .body(containsString("data-lfs-batch=\"/datasets/" + secret.id() + ".git/info/lfs/objects/batch\""));
        given().get("/static/publish-upload.js").then().statusCode(200).body(containsString("multipart"));
    }

    @Test
    void theEditorCommitsOnSaveAndPreviewsWithoutScripts() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        String page = owner.page().get("/" + repo.id() + "/edit/main/README.md").then().statusCode(200)
                .body(containsString("Create <code class=\"breadcrumbs\">README.md</code>"))
                .extract().asString();
        String parent = page.replaceAll("(?s).*name=\"parent\" value=\"([0-9a-f]{40})\".*", "$1");

        String hostile = "---\nlicense: mit\n---\n# Hello <b>card</b>\n\n<script>alert('x')</script><img src=x onerror=alert(1)>\n";
        owner.form().formParam("action", "preview").formParam("content", hostile).formParam("parent", parent)
                .formParam("summary", "Add card").post("/" + repo.id() + "/edit/main/README.md").then().statusCode(200)
                .body(containsString("<h1>Hello <b>card</b></h1>"))
                .body(not(containsString("<script>alert")))
                .body(not(containsString("<img src=x onerror")))
                .body(not(containsString("onerror=\"")))
                .body(containsString("&lt;script&gt;alert"));
        owner.form().formParam("path", "README.md").formParam("content", hostile).post("/" + repo.id() + "/preview")
                .then().statusCode(200).body(containsString("<h1>Hello <b>card</b></h1>")).body(not(containsString("<script")))
                .body(not(containsString("license: mit")));
        owner.page().formParam("path", "README.md").formParam("content", "x").post("/" + repo.id() + "/preview")
                .then().statusCode(403);

        owner.form().redirects().follow(false).formParam("action", "save").formParam("content", "# Card\r\nline two\r\n")
                .formParam("parent", parent).formParam("summary", "Write the card").post("/" + repo.id() + "/edit/main/README.md")
                .then().statusCode(303).header("Location", containsString("/" + repo.id() + "/blob/main/README.md"));
        given().get("/" + repo.id() + "/resolve/main/README.md").then().statusCode(200).body(equalTo("# Card\nline two\n"));
        given().get("/api/models/" + repo.id() + "/commits/main").then().statusCode(200).body("[0].title", equalTo("Write the card"));

        // Saving on the commit the editor was opened at, after someone else committed, keeps the text and says why.
        owner.form().formParam("action", "save").formParam("content", "# Mine\n").formParam("parent", parent)
                .formParam("summary", "Late").post("/" + repo.id() + "/edit/main/README.md").then().statusCode(412)
                .body(containsString("Someone committed to main since you opened the editor"))
                .body(containsString("# Mine"));
        given().get("/" + repo.id() + "/resolve/main/README.md").then().body(equalTo("# Card\nline two\n"));
        owner.page().get("/" + repo.id() + "/edit/main/README.md").then().statusCode(200)
                .body(containsString("Edit <code class=\"breadcrumbs\">README.md</code>"))
                .body(containsString("# Card\nline two\n</textarea>"));
    }

    @Test
    void theEditorIsForWritersAndRefusesFilesItCannotShow() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("files").file("weights.bin", new byte[] {1, 0, 2, 3})
                .file("notes/a&b<c>.md", "# Notes"));
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        PortalForms.SignedIn other = PortalForms.signIn(TestAccounts.newUser());
        given().get("/" + repo.id() + "/edit/main/README.md").then().statusCode(401);
        other.page().get("/" + repo.id() + "/edit/main/README.md").then().statusCode(403);
        other.form().formParam("action", "save").formParam("content", "x").formParam("summary", "x")
                .post("/" + repo.id() + "/edit/main/README.md").then().statusCode(403);
        owner.page().get("/" + repo.user() + "/missing/edit/main/README.md").then().statusCode(404);
        owner.page().get("/" + repo.id() + "/edit/main/weights.bin").then().statusCode(400)
                .body(containsString("cannot be edited in the browser"));
        owner.page().get("/" + repo.id() + "/edit/main/notes").then().statusCode(400).body(containsString("is a folder"));
        owner.page().get("/" + repo.id() + "/edit/main/notes/a&b<c>.md").then().statusCode(200)
                .body(containsString("notes/a&amp;b&lt;c&gt;.md"))
                .body(not(containsString("a&b<c>")));
        owner.page().formParam("action", "save").formParam("content", "x").formParam("summary", "x")
                .post("/" + repo.id() + "/edit/main/README.md").then().statusCode(403);
        given().get("/" + repo.id() + "/resolve/main/README.md").then().statusCode(404);
    }

    @Test
    void deletingAFileAsksFirstThenCommitsTheRemoval() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("files").file("data/train.csv", "a,b\n1,2\n"));
        PortalForms.SignedIn owner = PortalForms.signIn(repo.user());
        PortalForms.SignedIn other = PortalForms.signIn(TestAccounts.newUser());
        String url = "/datasets/" + repo.id() + "/delete/main/data/train.csv";
        given().get(url).then().statusCode(401);
        other.page().get(url).then().statusCode(403);
        other.form().post(url).then().statusCode(403);
        owner.page().get("/datasets/" + repo.id() + "/delete/main/data/missing.csv").then().statusCode(404);
        owner.page().get(url).then().statusCode(200)
                .body(containsString("Delete <code class=\"breadcrumbs\">data/train.csv</code>?"))
                .body(containsString("value=\"Delete data/train.csv\""));
        owner.page().post(url).then().statusCode(403);
        given().get("/datasets/" + repo.id() + "/resolve/main/data/train.csv").then().statusCode(200);
        owner.form().redirects().follow(false).formParam("summary", "Drop the training split").post(url)
                .then().statusCode(303).header("Location", containsString("/datasets/" + repo.id() + "/tree/main/data"));
        given().get("/datasets/" + repo.id() + "/resolve/main/data/train.csv").then().statusCode(404);
        given().get("/api/datasets/" + repo.id() + "/commits/main").then().statusCode(200)
                .body("[0].title", equalTo("Drop the training split"));
    }
}
