package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** One file of one revision: its text (up to a cap, escaped) or its size and sha256, and download. */
public record RepoBlobPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.BlobView blob) implements TemplateInstance {
}
