package dev.stoa.hub.check;

/** Where a check run stands. */
public enum CheckStatus {
    queued, running, succeeded, failed, cancelled;

    /** Whether the run is over (no worker will touch it again unless it is re-run). */
    public boolean isFinished() {
        return this == succeeded || this == failed || this == cancelled;
    }
}
