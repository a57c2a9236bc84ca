package dev.stoa.ui.pages;

import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * The browser uploader: files and folders go through the same LFS batch and commit APIs as huggingface_hub.
 *
 * @param branch   the branch the upload commits to
 * @param apiBase  the repository's HF API path, e.g. {@code /api/models/ns/name}
 * @param lfsBatch the repository's git-lfs batch endpoint
 * @param filesUrl the files tab of the branch, shown once the commit is made
 */
public record UploadPage(Site site, Viewer viewer, RepoHeader repo, String branch, String apiBase, String lfsBatch,
                         String filesUrl) implements TemplateInstance {
}
