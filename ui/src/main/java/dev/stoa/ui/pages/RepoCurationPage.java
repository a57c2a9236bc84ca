package dev.stoa.ui.pages;

import dev.stoa.ui.curation.CurationItem;
import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** A repository's curation: its requests and decisions; writers submit a revision from here. */
public record RepoCurationPage(Site site, Viewer viewer, RepoHeader header, List<CurationItem> requests, String formAction)
        implements TemplateInstance {
}
