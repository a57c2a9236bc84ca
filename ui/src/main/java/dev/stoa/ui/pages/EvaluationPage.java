package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.evaluate.EvaluationForm;
import dev.stoa.ui.view.evaluate.EvaluationItem;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * A model's "Evaluation" tab: its runs with scores ± standard errors, links to their records and samples and to each
 * task's leaderboard, and the form that starts a run. The page refreshes itself while a run is queued or running.
 *
 * @param error      why the last form was refused, or {@code null}
 * @param refreshing whether a run is queued or running (the page then reloads itself)
 */
public record EvaluationPage(Site site, Viewer viewer, RepoHeader repo, List<EvaluationItem> runs, EvaluationForm form,
        String error, boolean refreshing) implements TemplateInstance {

    public EvaluationPage(Site site, Viewer viewer, RepoHeader repo, List<EvaluationItem> runs, EvaluationForm form,
            String error) {
        this(site, viewer, repo, runs, form, error, runs.stream().anyMatch(EvaluationItem::isActive));
    }
}
