package dev.stoa.hub.web.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates and times as the account pages show them (UTC; a self-hosted hub has no per-user time zone yet). */
final class PortalTime {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private PortalTime() {
    }

    static String day(Instant instant) {
        return instant == null ? null : DAY.format(instant);
    }

    static String minute(Instant instant) {
        return instant == null ? null : dev.stoa.ui.repo.Links.date(instant);
    }
}
