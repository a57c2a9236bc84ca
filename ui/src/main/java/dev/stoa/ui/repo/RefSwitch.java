package dev.stoa.ui.repo;

import java.util.List;

/**
 * The branch and tag switcher: the revision shown and where each other branch or tag leads, at the same path.
 *
 * @param current the revision shown (a branch, a tag or a commit id)
 */
public record RefSwitch(String current, List<RefOption> branches, List<RefOption> tags) {

    /** A commit id is shown shortened. */
    public String currentLabel() {
        return current.matches("[0-9a-f]{40}") ? current.substring(0, 10) : current;
    }

    public boolean hasTags() {
        return !tags.isEmpty();
    }
}
