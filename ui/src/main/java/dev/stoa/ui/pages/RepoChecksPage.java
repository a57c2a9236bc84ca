package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** The check runs of one revision: verdicts, findings, summaries, metrics. */
public record RepoChecksPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.ChecksView checks) implements TemplateInstance {
}
