package dev.stoa.hub.gating;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Gated repositories and access requests through the HF routes, for tests. */
public final class GatedRepos {

    public static final String PROMPT = "You agree not to use this model to harm anyone.";
    public static final String CARD = """
            ---
            license: other
            extra_gated_prompt: "%s"
            extra_gated_fields:
              Company: text
              Country: country
              Start date: date_picker
              Purpose:
                type: select
                options:
                  - Research
                  - label: Something else
                    value: other
              I agree to the terms: checkbox
            ---
            # A gated model
            """.formatted(PROMPT);

    private GatedRepos() {
    }

    /** A repository with a card that defines a form, a config.json and an LFS file, then gated {@code mode}. */
    public record Gated(TestRepos.Owned repo, String commit, byte[] weights, String weightsOid) {
    }

    public static Gated newGated(String type, boolean isPrivate, String mode) {
        TestRepos.Owned repo = TestRepos.newRepo(type, isPrivate);
        byte[] weights = LfsClient.randomBytes(4096);
        String oid = TestRepos.uploadLfs(repo, weights);
        String commit = TestRepos.commit(repo, "main", TestRepos.ndjson("A gated model").file("README.md", CARD)
                .file("config.json", "{\"model_type\": \"gpt2\"}").lfsFile("model.safetensors", oid, weights.length));
        setGated(repo, mode);
        return new Gated(repo, commit, weights, oid);
    }

    public static void setGated(TestRepos.Owned repo, Object mode) {
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body(Map.of("gated", mode))
                .put("/api/" + repo.plural() + "/" + repo.id() + "/settings").then().statusCode(200);
    }

    /** Answers that fill the form of {@link #CARD}. */
    public static Map<String, Object> answers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("Company", "Acme");
        answers.put("Country", "France");
        answers.put("Start date", "2026-01-02");
        answers.put("Purpose", "Research");
        answers.put("I agree to the terms", true);
        return answers;
    }

    public static String base(TestRepos.Owned repo) {
        return "/api/" + repo.plural() + "/" + repo.id() + "/user-access-request";
    }

    public static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    public static Response request(String token, TestRepos.Owned repo, Map<String, Object> answers) {
        return as(token).contentType(ContentType.JSON).body(Map.of("fields", answers)).post(base(repo));
    }

    public static Response handle(String token, TestRepos.Owned repo, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post(base(repo) + "/handle");
    }

    public static Response grant(String token, TestRepos.Owned repo, String user) {
        return as(token).contentType(ContentType.JSON).body(Map.of("user", user)).post(base(repo) + "/grant");
    }

    public static Response list(String token, TestRepos.Owned repo, String status) {
        return as(token).get(base(repo) + "/" + status);
    }

    /** HEAD of a file through the resolve route. */
    public static Response head(String token, TestRepos.Owned repo, String path) {
        return as(token).redirects().follow(false).head("/" + repo.urlPath() + "/resolve/main/" + path);
    }

    public static Response get(String token, TestRepos.Owned repo, String path) {
        return as(token).redirects().follow(false).get("/" + repo.urlPath() + "/resolve/main/" + path);
    }

    /** A new user and a write token of theirs. */
    public record User(String name, String token) {
        public static User create() {
            String name = TestAccounts.newUser();
            return new User(name, TestAccounts.tokenOf(name, "write"));
        }
    }
}
