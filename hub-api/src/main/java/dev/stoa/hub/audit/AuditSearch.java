package dev.stoa.hub.audit;

import dev.stoa.hub.error.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the search parameters of the API and the portal pages into an {@link AuditQuery}, with 400s that say what to fix. */
public final class AuditSearch {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private AuditSearch() {
    }

    /**
     * The query; {@code from}/{@code to} take an instant ({@code 2026-01-31T12:00:00Z}) or a day ({@code 2026-01-31},
     * whose end is inclusive for {@code to}); {@code limit} 0 means no limit (for the export).
     */
    public static AuditQuery query(String action, String actor, String target, Optional<Long> orgId, String from,
                                   String to, String limit, String after, int defaultLimit, int maxLimit) {
        return new AuditQuery(text(action), text(actor), text(target), orgId, instant("from", from, false),
                instant("to", to, true), number("after", after).map(Long::parseLong), limit(limit, defaultLimit, maxLimit));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Instant> instant(String field, String value, boolean endOfDay) {
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(text.get());
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDay) {
                throw ApiException.invalidField(field, "'" + text.get() + "' is not a time: give a day (2026-01-31) or an"
                        + " instant in UTC (2026-01-31T12:00:00Z).");
            }
        }
    }

    private static Optional<String> number(String field, String value) {
        Optional<String> text = text(value);
        if (text.isPresent() && !text.get().matches("\\d{1,18}")) {
            throw ApiException.invalidField(field, "'" + text.get() + "' is not a number: give the 'next' value of the"
                    + " previous page.");
        }
        return text;
    }

    private static int limit(String value, int defaultLimit, int maxLimit) {
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return defaultLimit;
        }
        if (!text.get().matches("\\d{1,9}") || Integer.parseInt(text.get()) < 1 || Integer.parseInt(text.get()) > maxLimit) {
            throw ApiException.invalidField("limit", "Give a limit between 1 and " + maxLimit + ", not '" + text.get() + "'.");
        }
        return Integer.parseInt(text.get());
    }
}
