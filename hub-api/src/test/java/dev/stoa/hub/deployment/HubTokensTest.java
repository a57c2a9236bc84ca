package dev.stoa.hub.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.inference.DeploymentContext.HubAccess;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The access a deployment's pods get to Stoa's Hugging Face API: a read token of the deployment's creator that reaches
 * exactly the deployment's repositories, expires within the configured hour, and stops working when revoked.
 */
@QuarkusTest
class HubTokensTest {

    @Inject
    HubTokens tokens;

    @Inject
    DeploymentStore store;

    @Test
    void aDeploymentsTokenReadsItsRepositoriesAndNothingElse() throws Exception {
        TestRepos.Owned model = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(model, TinyModel.llama(61));
        String other = TestRepos.create(model.token(), model.user(), "model", true);
        given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "name", "pods", "scaleToZeroTimeout", 0)).post("/api/v1/deployments")
                .then().statusCode(201);
        DeploymentRow row = store.find(model.user(), "pods").orElseThrow();

        HubTokens.Issued issued = new HubTokens.Issued();
        HubAccess access = tokens.issue(row, issued);
        assertThat(access.endpoint().toString()).isEqualTo("http://stoa.test:8080");
        assertThat(access.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(access.toString()).doesNotContain(access.token());

        given().auth().oauth2(access.token()).get("/api/models/" + model.id()).then().statusCode(200);
        given().auth().oauth2(access.token()).get("/" + model.id() + "/resolve/main/config.json").then().statusCode(200);
        given().auth().oauth2(access.token()).get("/api/models/" + other).then().statusCode(404);
        given().auth().oauth2(access.token()).contentType(ContentType.JSON).body(Map.of("private", false))
                .put("/api/models/" + model.id() + "/settings").then().statusCode(403);
        assertThat(given().auth().oauth2(model.token()).get("/api/v1/tokens").then().statusCode(200).extract()
                .jsonPath().getList("name", String.class)).contains("deployment " + model.user() + "/pods");

        tokens.revoke(row, issued);
        given().auth().oauth2(access.token()).get("/api/models/" + model.id()).then().statusCode(401);
        given().auth().oauth2(model.token()).delete("/api/v1/deployments/" + model.user() + "/pods").then().statusCode(204);
    }
}
