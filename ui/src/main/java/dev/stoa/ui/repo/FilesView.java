package dev.stoa.ui.repo;

import java.util.List;

/**
 * A folder of one revision.
 *
 * @param path      the folder ({@code ""} for the root)
 * @param uploadUrl the upload page, or null when the viewer cannot write
 * @param parentUrl the parent folder, or null at the root
 * @param nextUrl   the next page of a long folder, or null
 */
public record FilesView(RefSwitch refs, String path, List<Crumb> crumbs, List<FileRow> rows, String commit,
                        String commitUrl, String historyUrl, String parentUrl, String uploadUrl, String prevUrl, String nextUrl,
                        boolean canDownload, String askAccessUrl) {

    public String shortCommit() {
        return commit.substring(0, 10);
    }
}
