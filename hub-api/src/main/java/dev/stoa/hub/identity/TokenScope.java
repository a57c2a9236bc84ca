package dev.stoa.hub.identity;

/** What a token may do: read, or read and write. Named as the Hugging Face client shows it. */
public enum TokenScope {
    read,
    write
}
