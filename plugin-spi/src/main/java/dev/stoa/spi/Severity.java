package dev.stoa.spi;

/** How serious one finding is. {@link #CRITICAL} findings (e.g. code execution on load) may quarantine files. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL
}
