package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * The text editor for one file (most often the README), with a Markdown preview.
 *
 * @param branch      the branch the save commits to
 * @param path        the file's path in the repository
 * @param exists      whether the file exists already (otherwise saving creates it)
 * @param content     the text in the editor
 * @param parent      the commit the text was loaded from: saving is refused when the branch moved since
 * @param summary     the commit message's first line
 * @param description the rest of the commit message
 * @param markdown    whether the file is Markdown (then a preview is offered)
 * @param previewHtml sanitised HTML of the preview (from MarkdownHtml only), or {@code null}
 * @param formUrl     where the form posts
 * @param previewUrl  where the script asks for a preview
 * @param error       what was wrong with the last attempt, or {@code null}
 */
public record EditFilePage(Site site, Viewer viewer, RepoHeader repo, String branch, String path, boolean exists,
                           String content, String parent, String summary, String description, boolean markdown,
                           String previewHtml, String formUrl, String previewUrl, String error) implements TemplateInstance {
}
