package dev.stoa.ui.browse;

/**
 * An active filter of a search, shown as a chip with a link that removes it.
 *
 * @param label     what the filter is ("Library: peft")
 * @param removeUrl the same search without this filter
 */
public record FilterChip(String label, String removeUrl) {
}
