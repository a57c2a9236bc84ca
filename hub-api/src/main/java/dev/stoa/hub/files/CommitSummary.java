package dev.stoa.hub.files;

import java.time.Instant;

/** The commit that last changed a path: its id, the first line of its message and its commit time. */
public record CommitSummary(String id, String title, Instant date) {
}
