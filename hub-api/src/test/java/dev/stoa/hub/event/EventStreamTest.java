package dev.stoa.hub.event;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery of the event stream, with a consumer that fails on purpose ({@link FlakyConsumer}) beside the real ones:
 * retries, order per repository, no waiting across repositories or consumers, parking, and the admin view and replay.
 */
@QuarkusTest
@TestProfile(EventStreamTest.WithFlakyConsumer.class)
class EventStreamTest {

    public static class WithFlakyConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("test.events.flaky-consumer", "true",
                    "stoa.events.max-attempts", "3",
                    "stoa.events.retry-backoff", "PT0.2S");
        }
    }

    @Test
    void aFailingConsumerIsRetriedInOrderWithoutHoldingUpOthers() {
        TestRepos.Owned flaky = repo("fail-twice-");
        TestRepos.Owned healthy = repo("fine-");
        String first = TestRepos.commit(flaky, "main", ndjson("One").file("a.txt", "1"));
        String second = TestRepos.commit(flaky, "main", ndjson("Two").file("b.txt", "2"));
        String other = TestRepos.commit(healthy, "main", ndjson("Other").file("c.txt", "3"));

        // The healthy repository's commit is handled before the answer to its request; the flaky one's after retries,
        // in the order they were written (the creation's first commit, then the two).
        assertThat(handledCommits(healthy)).endsWith(other);
        List<String> flakyCommits = Eventually.await("both commits of " + flaky.id() + " handled",
                () -> handledCommits(flaky), commits -> commits.contains(second));
        assertThat(flakyCommits).hasSize(3).endsWith(first, second);
        // The other consumers did not wait for this one: the flaky repository's check runs were enqueued at once.
        assertThat(given().auth().oauth2(flaky.token()).get("/api/v1/repos/models/" + flaky.id() + "/checks?revision=" + first)
                .then().statusCode(200).extract().jsonPath().getList("checks")).isNotEmpty();
    }

    @Test
    void aConsumerThatKeepsFailingParksTheEventUntilAnAdministratorReplaysIt() {
        TestRepos.Owned broken = repo("fail-always-");
        String name = broken.id().split("/")[1];
        String first = TestRepos.commit(broken, "main", ndjson("One").file("a.txt", "1"));
        // The creation's first commit is parked after three tries; the later events wait behind it, for this consumer.
        JsonPath parked = Eventually.await("the delivery parked", () -> parked("test-flaky"),
                page -> page.getList("lastError", String.class).stream().anyMatch(error -> error.contains(name)));
        int index = page(parked, name);
        long eventId = parked.getLong("[" + index + "].eventId");
        assertThat(parked.getInt("[" + index + "].attempts")).isEqualTo(3);
        assertThat(parked.getString("[" + index + "].type")).isEqualTo("revision.published");
        String second = TestRepos.commit(broken, "main", ndjson("Two").file("b.txt", "2"));
        JsonPath overview = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/v1/admin/events").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> flaky = overview.getMap("consumers.find { it.name == 'test-flaky' }");
        assertThat(((Number) flaky.get("parked")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) flaky.get("pending")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(overview.getList("consumers.name")).contains("check-runs", "card-metadata", "audit-trail", "quarantine-findings");
        assertThat(handledCommits(broken)).isEmpty();

        FlakyConsumer.HEALED.add(name);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).post("/api/v1/admin/events/parked/test-flaky/" + eventId + "/replay")
                .then().statusCode(200);
        List<String> handled = Eventually.await("both events handled after the replay", () -> handledCommits(broken),
                commits -> commits.contains(second));
        assertThat(handled).hasSize(3).endsWith(first, second);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).post("/api/v1/admin/events/parked/test-flaky/" + eventId + "/replay")
                .then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo("DeliveryNotParked"));
    }

    @Test
    void theEventStreamIsForAdministratorsOnly() {
        String user = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        given().get("/api/v1/admin/events").then().statusCode(401);
        given().auth().oauth2(user).get("/api/v1/admin/events").then().statusCode(403);
        given().auth().oauth2(user).post("/api/v1/admin/events/parked/test-flaky/1/replay").then().statusCode(403);
        given().auth().oauth2(user).delete("/api/v1/admin/events/parked/test-flaky/1").then().statusCode(403);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).post("/api/v1/admin/events/parked/test-flaky/x/replay")
                .then().statusCode(400);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/v1/admin/events/parked?limit=0").then().statusCode(400);
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).delete("/api/v1/admin/events/parked/no-such/1").then().statusCode(404);
    }

    @Test
    void deliveriesAndLagAreMetrics() {
        TestRepos.Owned repo = repo("fine-");
        TestRepos.commit(repo, "main", ndjson("One").file("a.txt", "1"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("stoa_events_delivered_total{consumer=\"check-runs\"")
                .contains("stoa_events_lag_seconds_count{consumer=\"audit-trail\"")
                .contains("stoa_events_pending{consumer=\"test-flaky\"");
    }

    private static TestRepos.Owned repo(String prefix) {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        String name = prefix + TestAccounts.randomName("r");
        given().auth().oauth2(token).contentType("application/json").body(Map.of("name", name))
                .post("/api/repos/create").then().statusCode(200);
        return new TestRepos.Owned(user, token, user + "/" + name, "model");
    }

    private static List<String> handledCommits(TestRepos.Owned repo) {
        String name = repo.id().split("/")[1];
        return FlakyConsumer.HANDLED.stream().filter(h -> h.repo().equals(name)).map(FlakyConsumer.Handled::commit).toList();
    }

    private static JsonPath parked(String consumer) {
        return given().auth().oauth2(TestAccounts.ADMIN_TOKEN).get("/api/v1/admin/events/parked?consumer=" + consumer)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The index of the parked delivery whose error names the repository. */
    private static int page(JsonPath parked, String repoName) {
        List<String> errors = parked.getList("lastError", String.class);
        for (int i = 0; i < errors.size(); i++) {
            if (errors.get(i).contains(repoName)) {
                return i;
            }
        }
        throw new AssertionError("No parked delivery of " + repoName);
    }
}
