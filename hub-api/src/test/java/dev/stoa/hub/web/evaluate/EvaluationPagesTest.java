package dev.stoa.hub.web.evaluate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.web.PortalForms;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The portal's evaluation pages: a signed-in user runs a task from a model's Evaluation tab, watches it finish, and
 * follows it to the task's leaderboard with its chart; mistakes come back in the form; a private model's tab and
 * results stay hidden.
 */
@QuarkusTest
class EvaluationPagesTest {

    private static final String TASK = """
            task: tiny_portal
            dataset_path: %s
            output_type: multiple_choice
            test_split: test
            doc_to_text: "Q: {{q}}="
            doc_to_target: "{{label}}"
            doc_to_choice: ["1", "2", "3"]
            """;

    @Test
    void aTaskIsRunFromTheTabAndLandsOnItsLeaderboard() throws InterruptedException {
        TestRepos.Owned model = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(model, TinyModel.llama(83));
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Task")
                .file("test.jsonl", "{\"q\": \"0+1\", \"label\": 0}\n{\"q\": \"1+1\", \"label\": 1}\n")
                .file("task.yaml", TASK.formatted(dataset.id())));
        PortalForms.SignedIn browser = PortalForms.signIn(TestAccounts.newUser());

        String tab = browser.page().get("/" + model.id() + "/evaluation").then().statusCode(200).extract().asString();
        assertThat(tab).contains("No evaluation that you can see yet.").contains("name=\"task\"")
                .contains("href=\"/api/v1/repos/models/" + model.id() + "/audit-report?format=pdf\"");
        assertThat(browser.page().get("/" + model.id()).then().statusCode(200).extract().asString())
                .contains("href=\"/" + model.id() + "/evaluation\"");

        Response refused = browser.form().formParam("task", dataset.id() + "/no_such_task")
                .post("/" + model.id() + "/evaluation");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.asString()).contains("task: no_such_task").contains("value=\"" + dataset.id() + "/no_such_task\"");

        browser.form().redirects().follow(false).formParam("task", dataset.id() + "/tiny_portal").formParam("limit", "2")
                .post("/" + model.id() + "/evaluation").then().statusCode(303);
        String shown = "";
        for (int i = 0; i < 600 && !shown.contains("data-status=\"succeeded\""); i++) {
            shown = browser.page().get("/" + model.id() + "/evaluation").then().statusCode(200).extract().asString();
            if (!shown.contains("data-status=\"succeeded\"")) {
                assertThat(shown).as("while it runs, the tab refreshes itself").contains("http-equiv=\"refresh\"");
                Thread.sleep(100);
            }
        }
        assertThat(shown).contains("data-status=\"succeeded\"").contains("<code>acc</code>").contains("samples")
                .contains("href=\"/leaderboards/" + dataset.id() + "/tiny_portal\"");

        String board = given().get("/leaderboards/" + dataset.id() + "/tiny_portal").then().statusCode(200).extract()
                .asString();
        assertThat(board).contains("data-model=\"" + model.id() + "\"")
                .contains("/api/v1/leaderboards/" + dataset.id() + "/tiny_portal/chart.svg?metric=acc");
        given().get("/leaderboards/" + dataset.id() + "/missing_task").then().statusCode(200);
        browser.page().get("/leaderboards/nobody/nothing/task").then().statusCode(404);

        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        browser.page().get("/" + hidden.id() + "/evaluation").then().statusCode(404);
        given().redirects().follow(false).formParam("task", dataset.id() + "/tiny_portal")
                .post("/" + model.id() + "/evaluation").then().statusCode(403);
    }
}
