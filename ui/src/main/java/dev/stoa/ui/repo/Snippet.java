package dev.stoa.ui.repo;

/** A ready-to-paste code sample: {@code id} names its element for the copy button. */
public record Snippet(String id, String title, String language, String code) {
}
