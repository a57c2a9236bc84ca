package dev.stoa.hub.hf;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.testing.ClientAddress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** {@code POST /api/repos/create} as huggingface_hub's create_repo and huggingface.js's createRepo send it. */
@QuarkusTest
class RepoCreateApiTest {

    @Test
    void createsAndAnswersA409WithTheUrlForExistOk() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        String name = TestAccounts.randomName("created");
        Map<String, Object> body = Map.of("name", name, "organization", user, "type", "model", "visibility", "private");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/repos/create")
                .then().statusCode(200).body("url", equalTo(ClientAddress.base() + "/" + user + "/" + name))
                .body("name", equalTo(user + "/" + name));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/repos/create")
                .then().statusCode(409).header("X-Error-Code", "RepoExists")
                .body("url", equalTo(ClientAddress.base() + "/" + user + "/" + name));
        given().auth().oauth2(token).get("/api/models/" + user + "/" + name).then().statusCode(200)
                .body("private", equalTo(true)).body("siblings.rfilename", equalTo(List.of(".gitattributes")));
    }

    @Test
    void filesAndALicenceMakeTheFirstCommit() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        String name = TestAccounts.randomName("with-files");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "organization", user, "type", "dataset", "license", "apache-2.0",
                        "files", List.of(file("data/train.csv", "a,b\n1,2\n"), file("notes.txt", "hello"))))
                .post("/api/repos/create").then().statusCode(200);

        given().auth().oauth2(token).get("/api/datasets/" + user + "/" + name).then().statusCode(200)
                .body("cardData.license", equalTo("apache-2.0"));
        String csv = given().auth().oauth2(token).get("/datasets/" + user + "/" + name + "/resolve/main/data/train.csv")
                .then().statusCode(200).extract().asString();
        assertThat(csv).isEqualTo("a,b\n1,2\n");
        assertThat(given().auth().oauth2(token).get("/api/datasets/" + user + "/" + name + "/commits/main")
                .then().statusCode(200).extract().jsonPath().getList("title")).containsExactly("initial commit");
    }

    @Test
    void badFilesAreRefusedAndLeaveNoRepository() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        String name = TestAccounts.randomName("refused");
        Map<Map<String, Object>, String> refusals = Map.of(
                Map.of("name", name, "files", List.of(Map.of("path", "a.txt", "content", "%%%not base64"))), "not valid base64",
                Map.of("name", name, "files", List.of(Map.of("path", "a.txt", "content", "aGk=", "encoding", "utf-16"))), "base64",
                Map.of("name", name, "files", List.of(Map.of("content", "aGk="))), "needs a path",
                Map.of("name", name, "files", List.of(file("../escape.txt", "x"))), "../escape.txt",
                Map.of("name", name, "license", "mit\nextra: injected"), "is not a licence id",
                Map.of("name", name, "license", "mit", "files", List.of(file("README.md", "# card"))), "front matter");
        refusals.forEach((refused, why) -> {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(refused).post("/api/repos/create")
                    .then().statusCode(org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                            .and(org.hamcrest.Matchers.lessThan(500)))
                    .body(containsString(why));
            given().auth().oauth2(token).get("/api/models/" + user + "/" + name).then().statusCode(404);
        });
    }

    private static Map<String, String> file(String path, String content) {
        return Map.of("path", path, "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)),
                "encoding", "base64");
    }
}
