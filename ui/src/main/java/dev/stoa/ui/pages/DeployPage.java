package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.deploy.DeployForm;
import dev.stoa.ui.view.deploy.DeploymentItem;
import dev.stoa.ui.view.deploy.RunnerVerdict;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * A model's "Deploy" tab: each runner's verdict on it, the form, and the model's deployments the viewer can see.
 *
 * @param error why the last form was refused, or {@code null}
 */
public record DeployPage(Site site, Viewer viewer, RepoHeader repo, List<RunnerVerdict> verdicts, DeployForm form,
        List<DeploymentItem> deployments, String error) implements TemplateInstance {
}
