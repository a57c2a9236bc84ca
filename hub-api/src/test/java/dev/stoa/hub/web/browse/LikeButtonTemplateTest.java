package dev.stoa.hub.web.browse;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The like button in the repository header that every repository page includes. */
@QuarkusTest
class LikeButtonTemplateTest {

    @Inject
    Engine engine;

    @Test
    void aSignedInViewerGetsAFormThatLikesOrTakesTheLikeBack() {
        String notYet = render(header("model", false, 3), new Viewer("fan", false, "token123"));
        assertThat(notYet).contains("<form class=\"like-form\" method=\"post\" action=\"/owner/model-x/like\"",
                "data-like-api=\"/api/models/owner/model-x/like\"", "name=\"csrf\" value=\"token123\"",
                "name=\"action\" value=\"like\"", "aria-pressed=\"false\"", "<span class=\"like-count\">3</span>",
                "/static/browse.js");
        String liked = render(header("dataset", true, 4), new Viewer("fan", false, "token123"));
        assertThat(liked).contains("action=\"/datasets/owner/model-x/like\"", "data-like-api=\"/api/datasets/owner/model-x/like\"",
                "name=\"action\" value=\"unlike\"", "aria-pressed=\"true\"", ">Liked<");
    }

    @Test
    void anAnonymousViewerIsOfferedToSignInFirst() {
        String page = render(header("model", false, 7), new Viewer(null, false, "t"));
        assertThat(page).doesNotContain("<form class=\"like-form\"")
                .contains("href=\"/login?next=/owner/model-x\"", "<span class=\"like-count\">7</span>");
    }

    private String render(RepoHeader header, Viewer viewer) {
        return engine.getTemplate("repo/header").data("repo", header).data("viewer", viewer).render();
    }

    private static RepoHeader header(String type, boolean liked, long likes) {
        return new RepoHeader(type, "owner", "model-x", false, null, 0, likes, liked, "main", "card", false, false);
    }
}
