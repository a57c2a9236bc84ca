package dev.stoa.hub.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * On-demand serving under a memory budget that holds one tiny model: loading a second unloads the least recently
 * used, a model over the budget is refused with the setting to change, and a model over the size cap is sent to a
 * deployment.
 */
@QuarkusTest
@TestProfile(OnDemandMemoryBudgetTest.OneModel.class)
class OnDemandMemoryBudgetTest {

    /** Room for one tiny model (about 122,000 parameters, 4 bytes each) and not two. */
    public static class OneModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stoa.inference.memory-budget", "700000", "stoa.inference.on-demand-max-parameters", "150000");
        }
    }

    private static List<String> served(String token) {
        // The models loaded here; external models registered by other tests are listed too, and are not loaded.
        List<String> ids = given().auth().oauth2(token).get("/v1/models").then().statusCode(200).extract().path("data.id");
        return ids.stream().filter(id -> !id.startsWith("external/")).toList();
    }

    private static void complete(String token, String model, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("model", model, "prompt", "the", "max_tokens", 2)).post("/v1/completions")
                .then().statusCode(status);
    }

    @Test
    void theLeastRecentlyUsedModelMakesRoomAndOversizedOnesAreRefused() {
        TestRepos.Owned first = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(first, TinyModel.llama(41));
        TestRepos.Owned second = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(second, TinyModel.llama(42));

        complete(first.token(), first.id(), 200);
        assertThat(served(first.token())).containsExactly(first.id());
        complete(second.token(), second.id(), 200);
        assertThat(served(second.token())).containsExactly(second.id());
        complete(first.token(), first.id(), 200);
        assertThat(served(first.token())).containsExactly(first.id());

        TestRepos.Owned adapted = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(adapted, TinyModel.llama(41).lora(43, 2, 4, false, "q_proj"), first.id());
        String tooBig = given().auth().oauth2(adapted.token()).contentType(ContentType.JSON)
                .body(Map.of("model", adapted.id(), "prompt", "the")).post("/v1/completions")
                .then().statusCode(400).extract().path("error.message");
        assertThat(tooBig).contains("memory budget", "stoa.inference.memory-budget");

        TestRepos.Owned large = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(large, TinyModel.sized("llama", "F32", 64, 4, 4, 2, 128, 44));
        String capped = given().auth().oauth2(large.token()).contentType(ContentType.JSON)
                .body(Map.of("model", large.id(), "prompt", "the")).post("/v1/completions")
                .then().statusCode(400).extract().path("error.message");
        assertThat(capped).contains("on-demand serving takes models up to 150000");
    }
}
