package dev.stoa.ui.view.deploy;

/** One state of a deployment's history, for its timeline. */
public record StatusStep(String state, String message, String at) {
}
