package dev.stoa.ui.repo;

import java.time.Instant;

/** One commit of a history. */
public record CommitRow(String id, String title, String message, String authors, Instant date, String url, String filesUrl) {

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
