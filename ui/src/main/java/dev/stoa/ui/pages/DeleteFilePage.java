package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * Asks before a file is deleted by a commit.
 *
 * @param branch  the branch the deletion commits to
 * @param path    the file's path
 * @param size    its size, as a person reads it
 * @param parent  the commit the page was shown at
 * @param formUrl where the form posts
 */
public record DeleteFilePage(Site site, Viewer viewer, RepoHeader repo, String branch, String path, String size,
                             String parent, String formUrl) implements TemplateInstance {
}
