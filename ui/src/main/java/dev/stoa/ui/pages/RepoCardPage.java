package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * A repository's model or dataset card: the rendered README, its metadata as chips, the model tree, how to use it,
 * its quarantines and the report form; for a model, the "Try it" panel ({@code tryIt}, null where it does not apply).
 */
public record RepoCardPage(Site site, Viewer viewer, RepoHeader header, dev.stoa.ui.repo.CardView card,
                           dev.stoa.ui.view.moderation.ModerationNotice moderation, dev.stoa.ui.repo.TryIt tryIt)
        implements TemplateInstance {
}
