package dev.stoa.hub.repo;

import io.restassured.http.ContentType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Asks the preupload route what a repository's main branch holds at some paths (its answer's {@code oid}). */
final class PreuploadFixture {

    private PreuploadFixture() {
    }

    static Map<String, Map<String, Object>> oids(TestRepos.Owned repo, String... paths) {
        List<Map<String, Object>> files = Arrays.stream(paths).map(p -> PreuploadApiTest.file(p, "x", 1)).toList();
        List<Map<String, Object>> answer = given().auth().oauth2(repo.token()).contentType(ContentType.JSON)
                .body(Map.of("files", files)).post("/api/" + repo.plural() + "/" + repo.id() + "/preupload/main")
                .then().statusCode(200).extract().jsonPath().getList("files");
        Map<String, Map<String, Object>> byPath = new HashMap<>();
        answer.forEach(mode -> byPath.put((String) mode.get("path"), mode));
        return byPath;
    }
}
