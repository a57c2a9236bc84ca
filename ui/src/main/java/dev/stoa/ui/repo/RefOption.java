package dev.stoa.ui.repo;

/** A branch or tag in the revision switcher, linking to the same path at that revision. */
public record RefOption(String name, String url, boolean selected) {
}
