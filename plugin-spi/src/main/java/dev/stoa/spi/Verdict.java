package dev.stoa.spi;

/** The outcome of one check of one revision, from best to worst. */
public enum Verdict {
    /** Nothing wrong found. */
    PASS,
    /** Problems worth a look, none that should stop anyone. */
    WARN,
    /** The revision breaks a rule the check enforces. */
    FAIL,
    /** The check could not decide (unreadable input, an internal failure); says nothing about the revision. */
    ERROR
}
