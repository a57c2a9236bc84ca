package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** A page of a revision's history. */
public record RepoCommitsPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.CommitsView history) implements TemplateInstance {
}
