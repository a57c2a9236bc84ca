package dev.stoa.hub.files;

import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Stoa does not speak Xet yet: its token routes say how to turn Xet off in the client. */
@QuarkusTest
class XetTokenApiTest {

    @Test
    void tokenRoutesNameTheFix() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        for (String path : new String[]{"/api/models/" + repo.id() + "/xet-write-token/main",
                "/api/models/" + repo.id() + "/xet-read-token/main", "/api/datasets/" + repo.id() + "/xet-write-token/None"}) {
            given().auth().oauth2(repo.token()).get(path).then().statusCode(501)
                    .header("X-Error-Code", "XetNotSupported")
                    .header("X-Error-Message", containsString("HF_HUB_DISABLE_XET=1"))
                    .body("error", containsString("HF_HUB_DISABLE_XET=1"));
        }
    }
}
