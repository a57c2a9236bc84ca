package dev.stoa.hub.repo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Writers racing on one branch: none loses a commit. */
@QuarkusTest
class CommitConcurrencyTest {

    private static final int WRITERS = 10;

    @Test
    void writersWithoutAParentAreAllRebasedAndEveryFileLands() throws Exception {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        List<Integer> statuses = race(i -> TestRepos.postCommit(repo.token(), repo, "main",
                ndjson("Writer " + i).file("w" + i + ".txt", "writer " + i)).statusCode());
        assertThat(statuses).containsOnly(200);

        String[] paths = new String[WRITERS];
        for (int i = 0; i < WRITERS; i++) {
            paths[i] = "w" + i + ".txt";
        }
        Map<String, Map<String, Object>> tree = PreuploadFixture.oids(repo, paths);
        for (String path : paths) {
            assertThat(tree.get(path)).as(path).containsKey("oid");
        }
        List<String> titles = given().get("/api/models/" + repo.id() + "/commits/main").then().statusCode(200)
                .extract().path("title");
        assertThat(titles).hasSize(WRITERS + 1).contains("Writer 0", "Writer 9");
    }

    @Test
    void writersNamingTheSameParentGetOneSuccessAndTheRest412() throws Exception {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String parent = RefsFixture.head(repo, "main");
        List<Integer> statuses = race(i -> TestRepos.postCommit(repo.token(), repo, "main",
                ndjson("Writer " + i).header("Writer " + i, parent).file("w" + i + ".txt", "writer " + i)).statusCode());
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 412)).hasSize(WRITERS - 1);
        List<String> history = given().get("/api/models/" + repo.id() + "/commits/main").then().extract().path("id");
        assertThat(history).hasSize(2).endsWith(parent);
    }

    private interface Writer {
        int write(int index) throws Exception;
    }

    private static List<Integer> race(Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return writer.write(index);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
