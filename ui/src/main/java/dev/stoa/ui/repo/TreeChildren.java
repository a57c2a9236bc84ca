package dev.stoa.ui.repo;

/** How many models derive from this one by one relation, and the search that lists them. */
public record TreeChildren(String relation, String label, long count, String url) {
}
