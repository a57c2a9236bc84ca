package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** One commit and the files it added, changed and deleted; the {@code commitUrl} of the commit API. */
public record RepoCommitPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.CommitView commit) implements TemplateInstance {
}
