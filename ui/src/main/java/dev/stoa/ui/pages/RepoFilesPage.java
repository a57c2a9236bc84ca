package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** A folder of one revision: files, folders, sizes, LFS badges, downloads, the branch and tag switcher. */
public record RepoFilesPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.FilesView files) implements TemplateInstance {
}
