package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/**
 * A page that tells a person what went wrong in words, never with a stack trace.
 *
 * @param status  the HTTP status
 * @param title   a short headline
 * @param message what happened and what to do about it
 */
public record ErrorPage(Site site, Viewer viewer, int status, String title, String message) implements TemplateInstance {
}
