package dev.stoa.ui.pages;

import dev.stoa.ui.view.Choice;
import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * A repository's settings: visibility, gating, rename or move, delete.
 *
 * @param gating   the gating choices (off, auto, manual), the current one selected
 * @param owners   the namespaces the repository may move to
 * @param newName  the name in the move form (the current one, or what was typed before an error)
 * @param notice   a confirmation of the last change, or {@code null}
 * @param error    what was wrong with the last attempt, or {@code null}
 */
public record RepoSettingsPage(Site site, Viewer viewer, RepoHeader repo, List<Choice> gating, List<Choice> owners,
                               String newName, String notice, String error) implements TemplateInstance {
}
