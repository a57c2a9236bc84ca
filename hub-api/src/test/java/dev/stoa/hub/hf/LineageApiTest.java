package dev.stoa.hub.hf;

import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class LineageApiTest {

    @Test
    void anAdapterConfigAloneMakesAnAdapterOfItsBase() {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TestRepos.Owned adapter = TestRepos.newRepo("model", false);
        commit(adapter, "main", ndjson("Adapter").file("adapter_config.json",
                "{\"base_model_name_or_path\":\"" + base.id() + "\",\"peft_type\":\"LORA\",\"r\":8}"));

        JsonPath info = given().get("/api/models/" + adapter.id()).then().statusCode(200).extract().jsonPath();
        assertThat(info.getList("tags", String.class)).contains("peft", "base_model:" + base.id(), "base_model:adapter:" + base.id());
        assertThat(info.getString("library_name")).isEqualTo("peft");
        assertThat(derivatives("base_model:adapter:" + base.id())).containsExactly(adapter.id());
        assertThat(derivatives("base_model:adapter:" + base.id().toUpperCase())).containsExactly(adapter.id());
        assertThat(derivatives("base_model:" + base.id())).containsExactly(adapter.id());
        assertThat(derivatives("base_model:finetune:" + base.id())).isEmpty();
    }

    @Test
    void theCardNamesBasesAndRelationsAndTheLatestMainCommitWins() {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TestRepos.Owned quantized = TestRepos.newRepo("model", false);
        commit(quantized, "main", ndjson("Card").file("README.md",
                "---\nbase_model: " + base.id() + "\nbase_model_relation: quantized\n---\n"));
        TestRepos.Owned finetune = TestRepos.newRepo("model", false);
        commit(finetune, "main", ndjson("Card").file("README.md", "---\nbase_model:\n- " + base.id() + "\n---\n"));

        assertThat(derivatives("base_model:quantized:" + base.id())).containsExactly(quantized.id());
        assertThat(derivatives("base_model:finetune:" + base.id())).containsExactly(finetune.id());
        assertThat(derivatives("base_model:" + base.id())).containsExactlyInAnyOrder(quantized.id(), finetune.id());
        JsonPath info = given().get("/api/models/" + quantized.id()).then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("cardData.base_model")).isEqualTo(base.id());
        assertThat(info.getList("tags", String.class)).contains("base_model:quantized:" + base.id());

        commit(quantized, "main", ndjson("Not derived any more").file("README.md", "---\nlicense: mit\n---\n"));
        assertThat(derivatives("base_model:" + base.id())).containsExactly(finetune.id());
        assertThat(given().get("/api/models/" + quantized.id()).jsonPath().getList("tags", String.class))
                .noneMatch(tag -> tag.startsWith("base_model:"));
    }

    @Test
    void privateDerivativesStayHidden() {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        commit(hidden, "main", ndjson("Card").file("README.md", "---\nbase_model: " + base.id() + "\n---\n"));
        assertThat(derivatives("base_model:" + base.id())).isEmpty();
        assertThat(given().auth().oauth2(hidden.token()).queryParam("filter", "base_model:finetune:" + base.id())
                .get("/api/models").jsonPath().getList("id", String.class)).containsExactly(hidden.id());
    }

    private static List<String> derivatives(String filter) {
        return given().queryParam("filter", filter).get("/api/models").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class);
    }
}
