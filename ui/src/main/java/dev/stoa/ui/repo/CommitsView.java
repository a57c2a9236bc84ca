package dev.stoa.ui.repo;

import java.util.List;

/**
 * A page of a revision's history, for the whole repository or one path.
 *
 * @param path    the file or folder whose history is shown; {@code ""} for all
 * @param pageNumber from 1
 */
public record CommitsView(RefSwitch refs, String path, List<CommitRow> commits, int pageNumber, String prevUrl, String nextUrl) {

    public boolean forPath() {
        return !path.isEmpty();
    }
}
