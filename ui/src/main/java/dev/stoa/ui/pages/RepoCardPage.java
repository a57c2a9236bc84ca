package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * A repository's model or dataset card: the rendered README, its metadata as chips, the model tree, how to use it,
 * its quarantines and the report form.
 */
public record RepoCardPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.CardView card,
                           dev.stoa.ui.view.moderation.ModerationNotice moderation) implements TemplateInstance {
}
