package dev.stoa.ui.repo;

import java.time.Instant;

/**
 * One entry of a folder listing.
 *
 * @param sha256      the LFS object's sha256, or null for a regular file (computed on its own page)
 * @param editUrl     null when the viewer cannot write or the file is not text that can be edited
 */
public record FileRow(String name, boolean directory, String url, long size, boolean lfs, String sha256,
                      String lastCommitTitle, String lastCommitUrl, Instant lastCommitDate,
                      String downloadUrl, String editUrl, String deleteUrl) {

    public String sizeText() {
        return directory ? "" : Links.bytes(size);
    }

    public String dateText() {
        return Links.date(lastCommitDate);
    }
}
