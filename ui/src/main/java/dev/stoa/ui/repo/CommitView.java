package dev.stoa.ui.repo;

import java.time.Instant;
import java.util.List;

/**
 * One commit and the files it changed (compared with its first parent).
 *
 * @param parents   links to the parent commits
 * @param truncated whether more files changed than are listed
 */
public record CommitView(String id, String title, String message, String authors, Instant date, List<Crumb> parents,
                         List<ChangeRow> changes, boolean truncated, String filesUrl) {

    public String shortId() {
        return id.substring(0, 10);
    }

    public String dateText() {
        return Links.date(date);
    }

    public boolean hasMessage() {
        return message != null && !message.isBlank();
    }
}
