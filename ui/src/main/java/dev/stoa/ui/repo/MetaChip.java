package dev.stoa.ui.repo;

/** One value of the card's metadata, shown as a chip; {@code url} (may be null) lists repositories with it. */
public record MetaChip(String value, String note, String url) {
}
