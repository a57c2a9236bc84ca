package dev.stoa.hub.hf;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class LikesApiTest {

    @Test
    void likingTwiceCountsOnceAndUnlikingTwiceTakesItBackOnce() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String fan = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(fan, "write");

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).post("/api/models/" + repo.id() + "/like").then().statusCode(200)
                    .body("liked", org.hamcrest.Matchers.is(true)).body("likes", org.hamcrest.Matchers.is(1));
        }
        assertThat(given().get("/api/models/" + repo.id()).jsonPath().getInt("likes")).isEqualTo(1);
        assertThat(given().get("/api/models/" + repo.id() + "/likers").then().statusCode(200).extract().jsonPath()
                .getList("user", String.class)).containsExactly(fan);
        assertThat(given().get("/api/users/" + fan + "/likes").then().statusCode(200).extract().jsonPath()
                .getList("repo.name", String.class)).containsExactly(repo.id());
        assertThat(given().get("/api/users/" + fan + "/likes").jsonPath().getList("repo.type", String.class))
                .containsExactly("model");
        assertThat(given().get("/api/users/" + fan + "/likes").jsonPath().getString("[0].createdAt")).endsWith("Z");

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).delete("/api/models/" + repo.id() + "/like").then().statusCode(200)
                    .body("liked", org.hamcrest.Matchers.is(false)).body("likes", org.hamcrest.Matchers.is(0));
        }
        assertThat(given().get("/api/models/" + repo.id()).jsonPath().getInt("likes")).isZero();
        assertThat(given().get("/api/users/" + fan + "/likes").jsonPath().getList("$")).isEmpty();
    }

    @Test
    void datasetsAreLikedUnderTheirOwnPath() {
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        given().auth().oauth2(dataset.token()).post("/api/datasets/" + dataset.id() + "/like").then().statusCode(200);
        assertThat(given().get("/api/datasets/" + dataset.id()).jsonPath().getInt("likes")).isEqualTo(1);
        assertThat(given().get("/api/users/" + dataset.user() + "/likes").jsonPath().getList("repo.type", String.class))
                .containsExactly("dataset");
        given().auth().oauth2(dataset.token()).post("/api/models/" + dataset.id() + "/like").then().statusCode(404);
    }

    @Test
    void likingNeedsAnAccountAWriteTokenAndARepositoryOneCanSee() {
        TestRepos.Owned open = TestRepos.newRepo("model", false);
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        String other = TestAccounts.newUser();
        String otherToken = TestAccounts.tokenOf(other, "write");

        given().post("/api/models/" + open.id() + "/like").then().statusCode(401);
        given().delete("/api/models/" + open.id() + "/like").then().statusCode(401);
        given().auth().oauth2(TestAccounts.tokenOf(other, "read")).post("/api/models/" + open.id() + "/like")
                .then().statusCode(403);
        given().auth().oauth2(otherToken).post("/api/models/" + open.user() + "/no-such-repo/like").then().statusCode(404);
        // A private repository is indistinguishable from a missing one.
        given().auth().oauth2(otherToken).post("/api/models/" + hidden.id() + "/like").then().statusCode(404)
                .header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(otherToken).get("/api/models/" + hidden.id() + "/likers").then().statusCode(404);
        given().get("/api/models/" + hidden.id() + "/likers").then().statusCode(401);
        given().get("/api/users/no-such-user-" + System.nanoTime() + "/likes").then().statusCode(404);

        // The owner likes the private repository; only those who may see it find it among the owner's likes.
        given().auth().oauth2(hidden.token()).post("/api/models/" + hidden.id() + "/like").then().statusCode(200);
        given().auth().oauth2(hidden.token()).post("/api/models/" + open.id() + "/like").then().statusCode(200);
        assertThat(given().auth().oauth2(hidden.token()).get("/api/users/" + hidden.user() + "/likes").jsonPath()
                .getList("repo.name", String.class)).containsExactlyInAnyOrder(hidden.id(), open.id());
        assertThat(given().get("/api/users/" + hidden.user() + "/likes").jsonPath()
                .getList("repo.name", String.class)).containsExactly(open.id());
        assertThat(given().auth().oauth2(otherToken).get("/api/users/" + hidden.user() + "/likes").jsonPath()
                .getList("repo.name", String.class)).containsExactly(open.id());
    }

    @Test
    void concurrentLikesAndRepeatedClicksKeepTheCountExact() throws Exception {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        int fans = 12;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < fans; i++) {
            tokens.add(TestAccounts.tokenOf(TestAccounts.newUser(), "write"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String token : tokens) {
                for (int click = 0; click < 3; click++) {
                    calls.add(() -> given().auth().oauth2(token).post("/api/models/" + repo.id() + "/like").statusCode());
                }
            }
            for (Future<Integer> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isEqualTo(200);
            }
            assertThat(given().get("/api/models/" + repo.id()).jsonPath().getInt("likes")).isEqualTo(fans);
            assertThat(given().get("/api/models/" + repo.id() + "/likers").jsonPath().getList("user")).hasSize(fans);

            List<Callable<Integer>> unlikes = new ArrayList<>();
            for (String token : tokens.subList(0, 5)) {
                for (int click = 0; click < 2; click++) {
                    unlikes.add(() -> given().auth().oauth2(token).delete("/api/models/" + repo.id() + "/like").statusCode());
                }
            }
            for (Future<Integer> result : pool.invokeAll(unlikes)) {
                assertThat(result.get()).isEqualTo(200);
            }
            assertThat(given().get("/api/models/" + repo.id()).jsonPath().getInt("likes")).isEqualTo(fans - 5);
        } finally {
            pool.shutdownNow();
        }
    }
}
