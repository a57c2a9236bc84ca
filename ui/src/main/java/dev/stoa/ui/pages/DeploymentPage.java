package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.deploy.DeploymentItem;
import dev.stoa.ui.view.deploy.StatusStep;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * One deployment: what it serves, its status timeline (refreshed while it starts), how to call it, and deletion.
 *
 * @param canDelete whether the viewer may delete it
 */
public record DeploymentPage(Site site, Viewer viewer, DeploymentItem deployment, List<StatusStep> history,
        boolean canDelete, String error) implements TemplateInstance {
}
