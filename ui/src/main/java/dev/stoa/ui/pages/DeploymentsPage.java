package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.deploy.DeploymentItem;
import dev.stoa.ui.view.deploy.ExternalModelItem;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The deployments the viewer can see: theirs and their organisations', or one namespace's.
 *
 * @param owner   the namespace shown, or {@code null} for all of the viewer's
 * @param owners  the namespaces the viewer can switch to
 * @param quota   the shown namespace's quota in words, or {@code null}
 * @param externals the external models the viewer may call, marked with their provider
 */
public record DeploymentsPage(Site site, Viewer viewer, String owner, List<String> owners,
        List<DeploymentItem> deployments, String quota, String notice, List<ExternalModelItem> externals)
        implements TemplateInstance {
}
