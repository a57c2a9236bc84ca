package dev.stoa.hub.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.check.CheckInference;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.inference.InferenceSession;
import dev.stoa.spi.testkit.ReferenceForward;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** What a check gets from {@code CheckContext.inference()}: the checked model at the checked commit, or nothing. */
@QuarkusTest
class CheckSessionsTest {

    private static final TinyModel MODEL = TinyModel.llama(41);

    @Inject
    CheckInference inference;

    @Inject
    RepoService repos;

    @Test
    void aPublicModelIsServedToItsCheckAndAPrivateOneWithoutDeploymentIsNot() throws Exception {
        TestRepos.Owned published = TestRepos.newRepo("model", false);
        String commit = commitOf(published);
        RepoView repo = repos.find(RepoId.parse(RepoType.model, "model", published.id())).orElseThrow();
        Optional<CheckInference.OpenSession> opened = inference.open(repo.id(), commit);
        assertThat(opened).isPresent();
        try (CheckInference.OpenSession session = opened.get()) {
            InferenceSession.LogLikelihood all = session.session().rollingLogLikelihood("Q: 1+2=3");
            List<Integer> tokens = new ArrayList<>(List.of(MODEL.bosId()));
            tokens.addAll(MODEL.encode("Q: 1+2=3"));
            double expected = new ReferenceForward(MODEL).continuationLogprob(tokens, tokens.size() - 1);
            assertThat(all.logprob()).isCloseTo(expected, Offset.offset(1e-4 * Math.abs(expected)));
            assertThat(session.session().model()).isEqualTo(published.id() + "@" + commit);
        }

        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        String hiddenCommit = commitOf(hidden);
        RepoView hiddenRepo = repos.find(RepoId.parse(RepoType.model, "model", hidden.id())).orElseThrow();
        assertThat(inference.open(hiddenRepo.id(), hiddenCommit)).isEmpty();
    }

    private static String commitOf(TestRepos.Owned repo) {
        TinyModelRepos.publish(repo, MODEL);
        return io.restassured.RestAssured.given().auth().oauth2(repo.token()).get("/api/models/" + repo.id())
                .then().statusCode(200).extract().jsonPath().getString("sha");
    }
}
