package dev.stoa.ui.repo;

import java.util.List;

/**
 * One commit and the files it changed (compared with its first parent).
 *
 * @param summary   the commit as a history lists it
 * @param parents   links to the parent commits
 * @param truncated whether more files changed than are listed
 */
public record CommitView(CommitRow summary, List<Crumb> parents, List<ChangeRow> changes, boolean truncated) {
}
