package dev.stoa.hub.moderation;

import dev.stoa.hub.testing.Eventually;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Test helpers for moderation: moderators, quarantines and reports through the API. */
public final class Moderators {

    /** A protocol-2 pickle that calls os.system("ls") when loaded: the pickle scanner's CRITICAL finding. */
    public static final byte[] MALICIOUS_PICKLE = {(byte) 0x80, 2, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n',
            'X', 2, 0, 0, 0, 'l', 's', (byte) 0x85, 'R', '.'};

    private Moderators() {
    }

    /** A signed-in user and their write token. */
    public record User(String name, String token) {
    }

    /** A new user with the moderator role. */
    public static User newModerator() {
        String name = TestAccounts.newUser();
        TestOrgs.setPlatformRole(name, "moderator");
        return new User(name, TestAccounts.tokenOf(name, "write"));
    }

    public static User newUser() {
        String name = TestAccounts.newUser();
        return new User(name, TestAccounts.tokenOf(name, "write"));
    }

    public static String quarantineUrl(String plural, String id) {
        return "/api/v1/repos/" + plural + "/" + id + "/quarantine";
    }

    public static Response quarantine(String token, String plural, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(quarantineUrl(plural, id));
    }

    public static Response lift(String token, String plural, String id, long quarantine) {
        var request = token == null ? given() : given().auth().oauth2(token);
        return request.contentType(ContentType.JSON).body(Map.of("note", "the file was replaced"))
                .post(quarantineUrl(plural, id) + "/" + quarantine + "/lift");
    }

    /** Polls the repository's quarantines until {@code done} holds (at most 60 s). */
    public static List<Map<String, Object>> awaitQuarantines(String token, String plural, String id,
                                                             Predicate<List<Map<String, Object>>> done) {
        return Eventually.await("The quarantines of " + id,
                () -> given().auth().oauth2(token).get(quarantineUrl(plural, id)).then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList(""), done);
    }
}
