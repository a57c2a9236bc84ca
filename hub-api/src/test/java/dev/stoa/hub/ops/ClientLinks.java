package dev.stoa.hub.ops;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of absolute link the Hugging Face clients read from Stoa, collected from the answers to requests that
 * all carry the same headers (a client's {@code Host}, a proxy's forwarded headers): what {@code create_repo}
 * returns (and its 409), a commit URL, the {@code Link} of a listing and of a tree, an LFS upload action, and the
 * {@code HF_ENDPOINT} the portal tells people to set.
 */
record ClientLinks(Map<String, String> byKind) {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final Pattern ENDPOINT = Pattern.compile("HF_ENDPOINT=([^\\s<]+)");

    static ClientLinks answeredTo(Map<String, String> headers) {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        Map<String, String> links = new LinkedHashMap<>();
        String name = TestAccounts.randomName("links");
        links.put("create_repo url", as(headers, token).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/repos/create").then().statusCode(200).extract().path("url"));
        links.put("create_repo url of a 409", as(headers, token).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/repos/create").then().statusCode(409).extract().path("url"));
        TestRepos.create(token, user, "model", false);

        Response commit = as(headers, token).contentType("application/x-ndjson")
                .body(TestRepos.ndjson("Two files").file("a.txt", "a").file("b.txt", "b").toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/models/" + user + "/" + name + "/commit/main");
        links.put("commitUrl", commit.then().statusCode(200).extract().path("commitUrl"));
        links.put("list Link", next(as(headers, token).get("/api/models?author=" + user + "&limit=1")));
        links.put("tree Link", next(as(headers, token).get("/api/models/" + user + "/" + name + "/tree/main?limit=1")));

        byte[] content = LfsClient.randomBytes(1024);
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("operation", "upload");
        batch.put("transfers", List.of("basic"));
        batch.put("objects", List.of(LfsClient.object(LfsClient.sha256(content), content.length)));
        links.put("LFS upload href", as(headers, token).contentType("application/vnd.git-lfs+json").body(LfsClient.json(batch))
                .post("/" + user + "/" + name + ".git/info/lfs/objects/batch")
                .then().statusCode(200).extract().path("objects[0].actions.upload.href"));

        Matcher endpoint = ENDPOINT.matcher(given().headers(headers).get("/").then().statusCode(200).extract().asString());
        assertThat(endpoint.find()).as("the home page shows HF_ENDPOINT").isTrue();
        links.put("portal HF_ENDPOINT", endpoint.group(1));
        return new ClientLinks(links);
    }

    /** Asserts that every link starts with {@code base} followed by a slash (or is exactly {@code base}). */
    void allStartWith(String base) {
        byKind.forEach((kind, link) -> assertThat(link).as(kind).satisfiesAnyOf(
                l -> assertThat(l).isEqualTo(base), l -> assertThat(l).startsWith(base + "/")));
    }

    private static RequestSpecification as(Map<String, String> headers, String token) {
        return given().headers(headers).auth().oauth2(token).urlEncodingEnabled(false);
    }

    private static String next(Response page) {
        page.then().statusCode(200);
        Matcher next = NEXT.matcher(String.valueOf(page.header("Link")));
        assertThat(next.find()).as("a Link to the next page in " + page.headers()).isTrue();
        return next.group(1);
    }
}
