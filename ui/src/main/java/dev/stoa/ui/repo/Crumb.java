package dev.stoa.ui.repo;

/** One step of a breadcrumb trail: a folder's name and its page; {@code url} is null for the page shown. */
public record Crumb(String name, String url) {
}
