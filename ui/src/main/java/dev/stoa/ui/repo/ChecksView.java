package dev.stoa.ui.repo;

import java.util.List;

/**
 * The check runs of one commit.
 *
 * @param pending whether some runs are still queued or running
 */
public record ChecksView(RefSwitch refs, String commit, String commitUrl, List<CheckRow> runs, boolean pending) {

    public String shortCommit() {
        return commit.substring(0, 10);
    }
}
