package dev.stoa.ui.repo;

/**
 * One file of one revision.
 *
 * @param text         the file's text when it is shown (small enough, UTF-8, the viewer may download); else null
 * @param markdownHtml the sanitised rendering of a Markdown file, or null
 * @param sha256       the content's sha256 (from the LFS pointer, or computed for a regular file), or null
 *                     when the viewer may not download the file
 * @param reason       why the content is not shown, or null
 */
public record BlobView(RefSwitch refs, String path, String name, java.util.List<Crumb> crumbs, long size, boolean lfs,
                       String sha256, String gitOid, String text, String markdownHtml, String reason,
                       String downloadUrl, boolean canDownload, String askAccessUrl, String editUrl, String deleteUrl,
                       String historyUrl, String commit, String commitUrl, String quarantined) {

    public String sizeText() {
        return Links.bytes(size);
    }

    public boolean shown() {
        return text != null;
    }

    public boolean rendered() {
        return markdownHtml != null;
    }

    public String shortCommit() {
        return commit.substring(0, 10);
    }
}
