package dev.stoa.ui.pages;

import dev.stoa.ui.curation.CurationItem;
import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** One curation request: the commit's checks side by side, the policy's verdict and, for curators, the decision form. */
public record CurationDecisionPage(Site site, Viewer viewer, RepoHeader header, CurationItem item, boolean canDecide,
                                   String formAction) implements TemplateInstance {
}
